/* np_sum.c - numpy's float64 add.reduce, reproduced so that averages agree
 * with numpy to the last bit, not just closely. */
#include "metrics/seqeval.h"

/* numpy's pairwise_sum_DOUBLE (numpy/core/src/umath/loops_utils.h.src). */
static double pairwise(const double *a, size_t n)
{
    if (n < 8) {
        double res = 0.;
        for (size_t i = 0; i < n; i++)
            res += a[i];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (size_t j = 0; j < 8; j++)
            r[j] = a[j];
        size_t i;
        for (i = 8; i < n - n % 8; i += 8)
            for (size_t j = 0; j < 8; j++)
                r[j] += a[i + j];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            res += a[i];
        return res;
    }
    size_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise(a, n2) + pairwise(a + n2, n - n2);
}

double nlp__np_sum(const double *a, size_t n)
{
    /* The reduction starts from add's identity, 0. */
    return 0. + pairwise(a, n);
}
