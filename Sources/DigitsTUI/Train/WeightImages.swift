import DigitsCore

/// The first layer's weights of a few hidden units as images: what each unit looks for in the
/// 28x28 input. Mid-grey is the unit's mean weight, lighter pulls the unit up, darker pulls it
/// down; each image is scaled to its own spread so every unit shows its pattern.
enum WeightImages {
    /// Up to `count` units' images, `side` pixels square (28, or 14 by averaging 2x2 blocks).
    static func images(of network: Network, count: Int, side: Int) -> [PixelImage] {
        guard let layer = network.layers.first, layer.inputs == 28 * 28, count > 0 else { return [] }
        let weights = Array(network.weights(ofLayer: 0))
        return (0..<min(count, layer.outputs)).map { unit in
            let row = weights[(unit * layer.inputs)..<((unit + 1) * layer.inputs)]
            // Scale by the spread rather than the largest weight: one outlier would otherwise
            // turn the rest of the image into a flat grey.
            let mean = row.reduce(0, +) / Float(row.count)
            let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(row.count)
            let range = max(2.5 * variance.squareRoot(), 1e-12)
            let full = row.map { min(max(0.5 + 0.5 * ($0 - mean) / range, 0), 1) }
            return side == 28 ? PixelImage(width: 28, height: 28, pixels: full) : halved(full)
        }
    }

    private static func halved(_ pixels: [Float]) -> PixelImage {
        var out = [Float](repeating: 0, count: 14 * 14)
        for y in 0..<14 {
            for x in 0..<14 {
                let a = pixels[(2 * y) * 28 + 2 * x], b = pixels[(2 * y) * 28 + 2 * x + 1]
                let c = pixels[(2 * y + 1) * 28 + 2 * x], d = pixels[(2 * y + 1) * 28 + 2 * x + 1]
                out[y * 14 + x] = (a + b + c + d) / 4
            }
        }
        return PixelImage(width: 14, height: 14, pixels: out)
    }
}
