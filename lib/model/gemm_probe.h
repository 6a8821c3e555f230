/* gemm_probe.h - what this machine's matrix product reaches, for the
 * benchmarks to print next to what the models achieve. */
#ifndef NLP_MODEL_GEMM_PROBE_H
#define NLP_MODEL_GEMM_PROBE_H

#ifdef __cplusplus
extern "C" {
#endif

/* GFLOP/s of float32 at::mm on n x n matrices through libtorch (so the BLAS
 * and thread settings in force are the ones measured): the best of
 * `repeats` timed products after one warm-up. cpu_time: divide by the
 * process's CPU time instead of wall time (per-core speed, unaffected by a
 * loaded machine when one thread runs). Returns 0 on failure. */
double nlp__sgemm_gflops(int n, int repeats, int cpu_time);

#ifdef __cplusplus
}
#endif

#endif
