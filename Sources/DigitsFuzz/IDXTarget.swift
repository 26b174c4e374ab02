import DigitsCore

extension FuzzTarget {
    /// MNIST's IDX files, raw or compressed, read both as images and as labels so every
    /// input reaches the header checks of both kinds.
    static let idx = FuzzTarget(
        name: "idx",
        summary: "IDX image and label files, raw or gzip (IDXFile.parse)"
    ) { bytes in
        var accepted = false
        var message = ""
        for kind in [IDXFile.Kind.images, .labels] {
            do throws(DataError) {
                let file = try IDXFile.parse(bytes, path: FuzzTarget.path, as: kind)
                // The parser's promise: the data is exactly what the header's sizes multiply to.
                precondition(file.data.count == file.count * file.rows * file.columns,
                             "IDX data does not match its header")
                precondition(file.dimensions.count == kind.dimensionCount)
                accepted = true
            } catch {
                message = error.description
            }
        }
        return accepted ? .accepted : .rejected(message)
    }
}
