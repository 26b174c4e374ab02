import Foundation

/// The speed figures the project promises, measured in-process (see `digits bench`).
public enum Benchmarks {
    /// One measured figure against its target.
    public struct Figure: Sendable {
        public let name: String
        public let value: Double
        public let unit: String
        public let target: Double
        /// Whether smaller is better (times, memory) or larger (accuracy).
        public let lowerIsBetter: Bool
        /// Every sample behind the median, for the curious.
        public let samples: [Double]

        public init(name: String, value: Double, unit: String, target: Double, lowerIsBetter: Bool,
                    samples: [Double] = []) {
            self.name = name
            self.value = value
            self.unit = unit
            self.target = target
            self.lowerIsBetter = lowerIsBetter
            self.samples = samples
        }

        public var met: Bool { lowerIsBetter ? value <= target : value >= target }
    }

    /// Median of a non-empty sample.
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The reference epoch: 784-128-10, batch 64, plain SGD at 0.1, the median of `epochs` epochs.
    public static func referenceEpoch(train: Dataset, epochs: Int = 5) throws -> Figure {
        try epoch(of: SeedSetup.reference, train: train, epochs: epochs)
    }

    /// Median seconds per epoch of `setup` over `epochs` epochs on `train`; with several
    /// `rounds`, over all of them, `afterEachRound` running after each (`digits bench --rounds`
    /// times the peers there, so a busy spell of the machine falls on both).
    public static func epoch(
        of setup: SeedSetup, train: Dataset, epochs: Int = 5, rounds: Int = 1,
        afterEachRound: () throws -> Void = {}
    ) throws -> Figure {
        var config = setup.configuration
        config.epochs = epochs
        let trainer = Trainer(configuration: config)
        var seconds: [Double] = []
        for _ in 0..<rounds {
            var network = try trainer.makeNetwork(inputSize: train.pixelsPerImage)
            try trainer.train(&network, on: train) { event in
                if case .epoch(let summary) = event { seconds.append(summary.seconds) }
            }
            try afterEachRound()
        }
        let over = rounds == 1 ? "\(epochs)" : "\(epochs) in each of \(rounds) rounds"
        return Figure(name: "\(setup.name) epoch, median of \(over)",
                      value: median(seconds), unit: "s", target: setup.targetSeconds, lowerIsBetter: true,
                      samples: seconds)
    }

    /// The default `digits train` recipe: seconds from `processStart` until the test accuracy
    /// first reaches 98.0%, with the data loading included.
    public static func defaultRecipe(
        processStart: Date, load: () throws -> (train: Dataset, test: Dataset)
    ) throws -> (time: Figure, accuracy: Figure) {
        let sets = try load()
        let trainer = Trainer(configuration: TrainingPreset.fast.configuration)
        var network = try trainer.makeNetwork(inputSize: sets.train.pixelsPerImage)
        var reached: Double?
        var best: Float = 0
        try trainer.train(&network, on: sets.train, testingOn: sets.test) { event in
            if case .epoch(let summary) = event, let accuracy = summary.testAccuracy {
                best = max(best, accuracy)
                if reached == nil, accuracy >= 0.98 { reached = Date().timeIntervalSince(processStart) }
            }
        }
        let total = Date().timeIntervalSince(processStart)
        return (Figure(name: "default recipe to 98.0% test accuracy, from process start",
                       value: reached ?? .infinity, unit: "s", target: 3, lowerIsBetter: true, samples: [total]),
                Figure(name: "default recipe, best test accuracy", value: Double(best) * 100, unit: "%",
                       target: 98, lowerIsBetter: false, samples: []))
    }

    /// Preprocessing a drawing on a canvas plus one forward pass: the median of `repeats`
    /// timings over drawings taken from real test digits, enlarged onto a 160x160 canvas.
    public static func drawingLatency(network: Network, test: Dataset, repeats: Int = 2000) -> Figure {
        let side = 160
        var canvases: [Canvas] = []
        for index in 0..<min(50, test.count) {
            var canvas = Canvas(width: side, height: side)
            let image = test.image(index)
            // Paint each inked MNIST pixel as a dot, 5x larger: a drawing of that digit.
            for (offset, value) in image.enumerated() where value > 128 {
                let x = Float(offset % test.columns) * 5 + 10, y = Float(offset / test.columns) * 5 + 10
                _ = canvas.dot(at: CanvasPoint(x: x, y: y), radius: 3.5)
            }
            canvases.append(canvas)
        }
        var samples: [Double] = []
        var sink: Float = 0
        for i in 0..<repeats {
            let canvas = canvases[i % canvases.count]
            let start = DispatchTime.now().uptimeNanoseconds
            if let image = canvas.mnistImage() { sink += network.probabilities(for: image)[0] }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
        }
        if sink.isNaN { samples.append(0) }  // keeps the work from being optimised away
        return Figure(name: "preprocess + forward pass of one drawing (160x160 canvas, \(network.architecture))",
                      value: median(samples), unit: "µs", target: 50, lowerIsBetter: true, samples: [])
    }

    /// Peak resident memory of this process so far, in megabytes.
    public static func peakMemory() -> Figure {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(macOS)
        let megabytes = Double(usage.ru_maxrss) / 1_048_576
        #else
        let megabytes = Double(usage.ru_maxrss) / 1024
        #endif
        return Figure(name: "peak resident memory", value: megabytes, unit: "MB", target: 150,
                      lowerIsBetter: true, samples: [])
    }
}
