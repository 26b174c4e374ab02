import ArgumentParser
import DigitsCore
import DigitsTUI
import Foundation

/// `digits bench`: the project's speed figures against their targets, measured in-process.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training and drawing speed against the project's targets.",
        discussion: """
            Run on a release build (scripts/run bench). Figures: the default train recipe to 98% \
            from process start and its peak memory, the epochs of the reference (784-128-10, \
            batch 64, SGD) and of the seed set-ups (784-10-10; full-batch gradient descent; \
            784-1024-128-10), preprocessing plus a forward pass for one drawing, and Draw's frame \
            time. --compare also runs the NumPy and PyTorch scripts in Tools/ on the same data \
            (python3 with numpy and torch; what is missing is said and left out) and checks our \
            epoch against the faster one's; --rounds N alternates ours and theirs N times, so a \
            busy spell of a shared machine falls on both. Exits 1 when a target is missed.
            """)

    @OptionGroup var data: DataOptions

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @Flag(help: "Also time the NumPy and PyTorch versions of each set-up (Tools/ scripts) in this run, and give our epoch as a share of the faster one's.")
    var compare = false

    @Option(help: ArgumentHelp("The Python interpreter for --compare (default: python3 on PATH).", valueName: "path"))
    var python: String?

    @Option(help: ArgumentHelp("The directory holding the comparison scripts (default: Tools/ of this build's repository).", valueName: "dir"))
    var tools: String?

    @Option(name: .customLong("only"), parsing: .singleValue,
            help: ArgumentHelp("Measure only this set-up's epochs (repeatable): \(SeedSetup.all.map(\.key).joined(separator: ", ")).", valueName: "set-up"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Epochs per set-up, 1-100 (default: 5 for the reference, 3 for the others).", valueName: "n"))
    var epochs: Int?

    @Option(help: ArgumentHelp("Rounds per set-up, 1-20 (default 1): our epochs then, with --compare, each peer's, again and again; each set-up's epoch figures are the medians over all rounds.", valueName: "n"))
    var rounds = 1

    func validate() throws {
        let keys = SeedSetup.all.map(\.key)
        if let unknown = only.first(where: { !keys.contains($0) }) {
            throw ValidationError("--only \(unknown): not a set-up; choose from \(keys.joined(separator: ", "))")
        }
        if let epochs, !(1...100).contains(epochs) {
            throw ValidationError("--epochs \(epochs): must be 1-100")
        }
        if !(1...20).contains(rounds) {
            throw ValidationError("--rounds \(rounds): must be 1-20")
        }
        if !compare && (python != nil || tools != nil) {
            throw ValidationError("--python and --tools only mean something with --compare")
        }
        for (flag, value) in [("--python", python), ("--tools", tools)] where value?.isEmpty == true {
            throw ValidationError("\(flag) needs a path")
        }
    }

    func run() throws {
        let processStart = ProcessStart.date
        let location = data.location
        var figures: [Benchmarks.Figure] = []
        var comparisons: [Comparison] = []
        var missing: [String] = []
        do {
            let setups = only.isEmpty ? SeedSetup.all : SeedSetup.all.filter { only.contains($0.key) }
            if only.isEmpty {
                // The default recipe goes first, so memory and time from process start are its own.
                let recipe = try Benchmarks.defaultRecipe(processStart: processStart) { try location.load() }
                figures += [recipe.time, recipe.accuracy, Benchmarks.peakMemory()]
            }
            let train = try location.loadTrain()
            let peers = compare ? availablePeers(dataDirectory: location.directory, missing: &missing) : nil
            for setup in setups {
                let count = epochs ?? (setup.key == SeedSetup.reference.key ? 5 : 3)
                var timings: [PeerComparison.Peer: [PeerComparison.Timing]] = [:]
                var failed: Set<PeerComparison.Peer> = []
                let ours = try Benchmarks.epoch(of: setup, train: train, epochs: count, rounds: rounds) {
                    guard compare else { return }
                    for peer in peers?.available ?? [] where !failed.contains(peer) {
                        do {
                            if let timing = try peers?.comparison.time(peer, setup, epochs: count) {
                                timings[peer, default: []].append(timing)
                            }
                        } catch {
                            // A peer that failed in any round is not compared: its other rounds'
                            // median would stand for all of them.
                            missing.append("\(setup.key): \(error)")
                            failed.insert(peer)
                            timings[peer] = nil
                        }
                    }
                }
                figures.append(ours)
                guard compare else { continue }
                comparisons.append(Comparison(setup: setup, ours: ours.value,
                                              peers: timings.compactMapValues(PeerComparison.Timing.pooled)))
            }
            if only.isEmpty { try figures += drawingFigures(test: location.loadTest()) }
        } catch let error as DataError {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        if json {
            var object: [String: Any] = ["figures": figures.map { figure -> [String: Any] in
                ["name": figure.name, "value": figure.value, "unit": figure.unit,
                 "target": figure.target, "met": figure.met]
            }]
            if compare {
                object["rounds"] = rounds
                object["comparison"] = comparisons.map(\.json)
                object["missing"] = missing
            }
            JSONLine.print(object)
        } else {
            for figure in figures {
                let relation = figure.lowerIsBetter ? "<=" : ">="
                print(String(format: "%@  %10.3f %@  (target %@ %g %@)  %@",
                             figure.met ? "ok  " : "MISS", figure.value, figure.unit, relation,
                             figure.target, figure.unit, figure.name))
            }
            if compare { printComparisons(comparisons, missing: missing) }
        }
        if figures.contains(where: { !$0.met }) || comparisons.contains(where: { $0.met == false }) {
            throw ExitCode.failure
        }
    }

    /// The comparison and the peers whose modules import; what is missing goes to `missing`.
    private func availablePeers(
        dataDirectory: String, missing: inout [String]
    ) -> (comparison: PeerComparison, available: [PeerComparison.Peer])? {
        let comparison: PeerComparison
        do {
            comparison = try PeerComparison.make(python: python, tools: tools, dataDirectory: dataDirectory)
        } catch {
            missing.append(error.description)
            return nil
        }
        var available: [PeerComparison.Peer] = []
        for peer in PeerComparison.Peer.allCases {
            do {
                try comparison.check(peer)
                available.append(peer)
            } catch {
                missing.append(error.description)
            }
        }
        return (comparison, available)
    }

    /// Preprocessing and Draw's frame time, for the network Draw really runs: the shipped model.
    private func drawingFigures(test: Dataset) throws -> [Benchmarks.Figure] {
        let shipped = (try? ModelFile.load(path: ModelLocator.defaultModelPath()))?.network
        let network = try shipped ?? Network(sizes: [784, 128, 10], activation: .relu, seed: 1)
        var figures = [Benchmarks.drawingLatency(network: network, test: test)]
        let drawModel = DrawModel(network: network, name: "shipped")
        for (inside, number) in [(false, false), (true, false), (false, true)] {
            for size in [Size(width: 80, height: 24), Size(width: 200, height: 60)] {
                let samples = DrawLatency.measure(model: drawModel, size: size, inside: inside, number: number)
                let sorted = samples.sorted()
                let view = inside ? " with the inside view on" : number ? " with a number of 3 digits" : ""
                figures.append(Benchmarks.Figure(
                    name: "Draw screen at \(size.width)x\(size.height): mouse move to finished frame\(view) (update + render), median; 99th percentile \(String(format: "%.0f", sorted[sorted.count * 99 / 100])) µs",
                    value: Benchmarks.median(samples), unit: "µs", target: 2000, lowerIsBetter: true, samples: samples))
            }
        }
        return figures
    }

    private func printComparisons(_ comparisons: [Comparison], missing: [String]) {
        print("")
        let alternated = rounds > 1 ? ", \(rounds) rounds alternating" : ""
        print("compared in this run with NumPy and PyTorch on the same network and batches (median epoch\(alternated)):")
        func seconds(_ value: Double?) -> String { value.map { String(format: "%7.3f s", $0) } ?? "      -  " }
        print("        digits      NumPy    PyTorch  ratio to faster (target)  set-up")
        for row in comparisons {
            let status = row.met.map { $0 ? "ok  " : "MISS" } ?? "    "
            let ratio = row.ratio.map { String(format: "%5.2f", $0) } ?? "    -"
            let target = row.setup.targetRatio.map { String(format: "(<= %.2f)", $0) } ?? "(none)   "
            print("\(status) \(seconds(row.ours)) \(seconds(row.peers[.numpy]?.median)) \(seconds(row.peers[.pytorch]?.median))  \(ratio) \(target)          \(row.setup.name)")
        }
        let frameworks = Set(comparisons.flatMap { $0.peers.values.map(\.framework) }).sorted()
        if !frameworks.isEmpty { print("peers: \(frameworks.joined(separator: ", "))") }
        for line in missing { print("not compared: \(line)") }
    }
}

/// One set-up's epoch beside the peers'.
private struct Comparison {
    let setup: SeedSetup
    let ours: Double
    let peers: [PeerComparison.Peer: PeerComparison.Timing]

    /// Ours over the faster peer's, when a peer ran.
    var ratio: Double? { peers.values.map(\.median).min().map { ours / $0 } }
    /// Whether the ratio meets the set-up's target; nil without a ratio or a target.
    var met: Bool? {
        guard let ratio, let target = setup.targetRatio else { return nil }
        return ratio <= target
    }

    var json: [String: Any] {
        var object: [String: Any] = ["setup": setup.key, "name": setup.name, "digits": ours]
        for (peer, timing) in peers { object[peer.rawValue] = timing.median }
        if let ratio { object["ratio"] = ratio }
        if let target = setup.targetRatio { object["target_ratio"] = target }
        if let met { object["met"] = met }
        return object
    }
}
