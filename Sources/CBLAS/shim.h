// BLAS for matrix products: OpenBLAS on Linux, Accelerate on macOS.
#if defined(__APPLE__)
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
// OpenBLAS's thread controls, declared here too because /usr/include/cblas.h may belong to
// another BLAS on a machine with several installed; DigitsCore links OpenBLAS itself.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
