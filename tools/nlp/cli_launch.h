/* cli_launch.h - `nlp ner|toxic train --nproc N`: start N local ranks of
 * the same command, as torchrun does, with the flags torchrun users know. */
#ifndef NLP_CLI_LAUNCH_H
#define NLP_CLI_LAUNCH_H

/* When argv (argv[0] = the subcommand's name, e.g. "train") holds
 * --nproc N / --nproc-per-node N (N > 1, or --nnodes M > 1), start N
 * copies of `nlp GROUP <argv without the launcher flags>` with RANK,
 * LOCAL_RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT set, wait for all and
 * return the exit code (the first failing rank's). Ranks other than 0 run
 * with --quiet and their standard output discarded. Other launcher flags:
 * --nnodes M, --node-rank K, --master-addr A (127.0.0.1), --master-port P
 * (a free port on one machine, else 29500). Returns -1 when this is not a
 * launch (run in this process). */
int cli_launch_local(int argc, char **argv, const char *group);

#endif
