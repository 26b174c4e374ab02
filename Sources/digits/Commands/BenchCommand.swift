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
            Run on a release build (scripts/run bench). Figures: the reference epoch \
            (784-128-10, batch 64, SGD), the default train recipe to 98% from process start \
            and its peak memory, and preprocessing plus a forward pass for one drawing. \
            Exits 1 when a target is missed.
            """)

    @OptionGroup var data: DataOptions

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    func run() throws {
        let processStart = ProcessStart.date
        let location = data.location
        var figures: [Benchmarks.Figure] = []
        do {
            // The default recipe goes first, so memory and time from process start are its own.
            let recipe = try Benchmarks.defaultRecipe(processStart: processStart) { try location.load() }
            figures += [recipe.time, recipe.accuracy, Benchmarks.peakMemory()]
            let sets = try location.load()
            figures.append(try Benchmarks.referenceEpoch(train: sets.train))
            for setup in SeedSetup.others {
                figures.append(try Benchmarks.epoch(of: setup, train: sets.train, epochs: 3))
            }
            // The drawing figure is for the network Draw really runs: the shipped model.
            let shipped = (try? ModelFile.load(path: ModelLocator.defaultModelPath()))?.network
            let network = try shipped ?? Network(sizes: [784, 128, 10], activation: .relu, seed: 1)
            figures.append(Benchmarks.drawingLatency(network: network, test: sets.test))
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
        } catch let error as DataError {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        if json {
            JSONLine.print(["figures": figures.map { figure -> [String: Any] in
                ["name": figure.name, "value": figure.value, "unit": figure.unit,
                 "target": figure.target, "met": figure.met]
            }])
        } else {
            for figure in figures {
                let relation = figure.lowerIsBetter ? "<=" : ">="
                print(String(format: "%@  %10.3f %@  (target %@ %g %@)  %@",
                             figure.met ? "ok  " : "MISS", figure.value, figure.unit, relation,
                             figure.target, figure.unit, figure.name))
            }
        }
        if figures.contains(where: { !$0.met }) { throw ExitCode.failure }
    }
}
