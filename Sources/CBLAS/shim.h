// BLAS for matrix products: OpenBLAS on Linux, Accelerate on macOS.
#if defined(__APPLE__)
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif
