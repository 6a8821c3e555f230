/* cli_launch.c - local ranks for data-parallel training (see cli_launch.h). */
#include "cli_launch.h"
#include "cli.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The flags this launcher reads; the train commands' option tables
 * (cli_train.h) list the same six so --help, man pages and completion
 * show them and their own parse accepts them. */
static const char *const launch_flags[] = {"--nproc", "--nproc-per-node", "--nnodes",
                                           "--node-rank", "--master-addr", "--master-port"};

/* A TCP port nobody listens on now (the kernel's pick for port 0). */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 29500;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

typedef struct launch {
    long nproc, nnodes, node_rank, port;
    const char *addr;
} launch;

/* Parse and strip the launcher flags out of argv into kept (argc slots).
 * Returns 0, or 2 after a usage error. */
static int parse(int argc, char **argv, launch *l, char **kept, int *n_kept)
{
    const char *const *flags = launch_flags;
    *n_kept = 0;
    for (int i = 0; i < argc; i++) {
        size_t k = 0;
        while (k < 6 && strcmp(argv[i], flags[k]) != 0)
            k++;
        if (i == 0 || k == 6) {
            kept[(*n_kept)++] = argv[i];
            continue;
        }
        if (i + 1 >= argc)
            return cli_usage_error("%s wants a value", argv[i]);
        const char *v = argv[++i];
        if (k == 4) {
            l->addr = v;
            continue;
        }
        char *end;
        long x = strtol(v, &end, 10);
        long lo = k == 3 ? 0 : 1, hi = k == 5 ? 65535 : 4096;
        if (*end || end == v || x < lo || x > hi)
            return cli_usage_error("%s wants a whole number in [%ld, %ld], not '%s'", flags[k],
                                   lo, hi, v);
        long *dst[] = {&l->nproc, &l->nproc, &l->nnodes, &l->node_rank, NULL, &l->port};
        *dst[k] = x;
    }
    if (l->node_rank >= l->nnodes)
        return cli_usage_error("--node-rank %ld must be below --nnodes %ld", l->node_rank,
                               l->nnodes);
    return 0;
}

/* The environment without torchrun's variables, plus room for ours. */
static char **rank_env(char *vars[5])
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = calloc(n + 6, sizeof *env);
    if (!env)
        return NULL;
    static const char *drop[] = {"RANK=", "LOCAL_RANK=", "WORLD_SIZE=", "MASTER_ADDR=",
                                 "MASTER_PORT="};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int keep = 1;
        for (size_t d = 0; d < 5; d++)
            keep = keep && strncmp(environ[i], drop[d], strlen(drop[d])) != 0;
        if (keep)
            env[k++] = environ[i];
    }
    for (size_t d = 0; d < 5; d++)
        env[k++] = vars[d];
    return env;
}

static int wait_all(pid_t *pid, long n, long first_rank)
{
    int code = 0;
    for (long done = 0; done < n; done++) {
        int ws;
        pid_t p = wait(&ws);
        long r = 0;
        while (r < n && pid[r] != p)
            r++;
        int rc = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
        if (rc != 0) {
            if (WIFSIGNALED(ws))
                fprintf(stderr, "nlp: rank %ld was killed by signal %d\n", first_rank + r,
                        WTERMSIG(ws));
            if (code == 0)
                code = rc;
        }
    }
    return code;
}

int cli_launch_local(int argc, char **argv, const char *group)
{
    launch l = {1, 1, 0, 0, "127.0.0.1"};
    char **kept = calloc((size_t)argc + 4, sizeof *kept);
    if (!kept)
        return cli_fail_status(NLP_ERR_NOMEM, "launch");
    int n_kept = 0;
    int rc = parse(argc, argv, &l, kept, &n_kept);
    for (int i = 1; i < argc && rc == 0; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            l.nproc = l.nnodes = 1; /* help, from this process */
    if (rc == 0 && l.nproc * l.nnodes <= 1) {
        free(kept);
        return -1;
    }
    if (rc != 0) {
        free(kept);
        return rc;
    }
    long port = l.port ? l.port : l.nnodes == 1 ? free_port() : 29500;
    /* child argv: exe GROUP SUBCOMMAND kept... [--quiet] NULL */
    char **child = calloc((size_t)n_kept + 4, sizeof *child);
    pid_t *pid = calloc((size_t)l.nproc, sizeof *pid);
    if (!child || !pid) {
        free(kept); free(child); free(pid);
        return cli_fail_status(NLP_ERR_NOMEM, "launch");
    }
    child[0] = "/proc/self/exe";
    child[1] = (char *)group;
    for (int i = 0; i < n_kept; i++)
        child[2 + i] = kept[i];
    long first = l.node_rank * l.nproc, started = 0;
    for (long local = 0; local < l.nproc; local++) {
        char v[5][64];
        snprintf(v[0], 64, "RANK=%ld", first + local);
        snprintf(v[1], 64, "LOCAL_RANK=%ld", local);
        snprintf(v[2], 64, "WORLD_SIZE=%ld", l.nproc * l.nnodes);
        snprintf(v[3], 64, "MASTER_ADDR=%s", l.addr);
        snprintf(v[4], 64, "MASTER_PORT=%ld", port);
        char *vars[5] = {v[0], v[1], v[2], v[3], v[4]};
        char **env = rank_env(vars);
        child[2 + n_kept] = first + local == 0 ? NULL : "--quiet";
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        if (first + local != 0)
            posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        int err = env ? posix_spawn(&pid[local], child[0], &fa, NULL, child, env) : 1;
        posix_spawn_file_actions_destroy(&fa);
        free(env);
        if (err) {
            fprintf(stderr, "nlp: cannot start rank %ld\n", first + local);
            for (long r = 0; r < started; r++)
                kill(pid[r], SIGTERM);
            break;
        }
        started++;
    }
    rc = wait_all(pid, started, first);
    if (started < l.nproc && rc == 0)
        rc = 1;
    free(kept); free(child); free(pid);
    return rc;
}
