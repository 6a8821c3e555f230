/* gemm_probe.h - what this machine's matrix product reaches, for the
 * benchmarks to print next to what the models achieve. */
#ifndef NLP_MODEL_GEMM_PROBE_H
#define NLP_MODEL_GEMM_PROBE_H

#ifdef __cplusplus
extern "C" {
#endif

/* GFLOP/s of float32 at::mm on n x n matrices through libtorch (so the BLAS
 * and thread settings in force are the ones measured): the best of
 * `repeats` timed products after one warm-up. Returns 0 on failure. */
double nlp__sgemm_gflops(int n, int repeats);

#ifdef __cplusplus
}
#endif

#endif
