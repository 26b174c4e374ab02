import DigitsCore

extension FuzzTarget {
    /// gzip and zlib streams (Gzip.inflate, which the IDX reader's Inflater also is). What
    /// inflates must compress and inflate back to itself.
    static let gzip = FuzzTarget(
        name: "gzip",
        summary: "gzip and zlib streams (Gzip.inflate), round-tripped through Gzip.compress"
    ) { bytes in
        do throws(DataError) {
            let output = try Gzip.inflate(bytes, path: FuzzTarget.path)
            let again = try Gzip.inflate(Gzip.compress(output), path: FuzzTarget.path)
            precondition(again == output, "gzip round trip changed the data")
            return .accepted
        } catch {
            return .rejected(error.description)
        }
    }
}
