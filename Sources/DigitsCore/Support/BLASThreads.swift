import CBLAS
import Synchronization

/// Keeps OpenBLAS to one thread while the trainer's own threads use every core.
///
/// After each product it splits across cores, OpenBLAS leaves its threads spinning for a while
/// in case another comes. During sparse training the cores already belong to the trainer's
/// `WorkerTeam`, and those idle spinners (woken by each epoch's test evaluation) took the cores
/// from it: epochs of 0.09 s took up to 0.2 s. Accelerate has no such threads. The trainer
/// decides when this is worth it (not when BLAS has large products of its own to split).
enum BLASThreads {
    /// How many callers want one thread, and the setting to restore when the last leaves.
    private static let state = Mutex<(holders: Int, saved: Int32)>((0, 0))

    /// Limits BLAS to the calling thread until the matching `leave()`. Nested and concurrent
    /// uses are counted, and the last one out restores BLAS's own setting.
    static func enter() {
        #if os(Linux)
        state.withLock { state in
            if state.holders == 0 {
                state.saved = openblas_get_num_threads()
                openblas_set_num_threads(1)
            }
            state.holders += 1
        }
        #endif
    }

    /// Ends one `enter()`.
    static func leave() {
        #if os(Linux)
        state.withLock { state in
            state.holders -= 1
            if state.holders == 0 { openblas_set_num_threads(state.saved) }
        }
        #endif
    }
}
