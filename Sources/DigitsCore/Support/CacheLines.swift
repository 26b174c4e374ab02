/// Float buffers that start on a cache line.
///
/// The kernels read and write whole 64-byte registers; in a buffer `allocate` places on a
/// 16-byte boundary, every such access straddles two cache lines and costs two. One band of the
/// 784-128-10 forward pass took twice as long as the other for that alone.
enum CacheLines {
    /// Bytes in a cache line, and the alignment of every buffer made here.
    static let bytes = 64

    /// Bytes in a page of memory, the alignment `floats(_:onPages:)` offers.
    static let pageBytes = 4096

    /// `count` zeroed floats (room for at least one), starting on a cache line, or with `onPages`
    /// on a page; release them with `release`.
    static func floats(_ count: Int, onPages: Bool = false) -> UnsafeMutablePointer<Float> {
        let count = max(1, count)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.size,
                                                      alignment: onPages ? pageBytes : bytes)
            .bindMemory(to: Float.self, capacity: count)
        buffer.initialize(repeating: 0, count: count)
        return buffer
    }

    /// Frees a buffer `floats` made.
    static func release(_ buffer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(buffer).deallocate()
    }
}
