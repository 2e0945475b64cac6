import ArgumentParser
import Foundation
import Literate

/// `vmaspec bisect SCENARIO [--bad V] [--good V]`: `git bisect run` over the series' history
/// line, with the explorer as the test. Each step is a variant; the scenario runs on as few of
/// them as a binary search needs, and the first step where it passes is the fix.
struct Bisect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the step of the series' history where a scenario stops failing: the fix.",
        discussion: "The scenario runs, in worker processes, on the steps a binary search picks between a step where it fails (--bad, default: the scenario's since=, else the first step) and one where it passes (--good, default: the last step). Exit status 0 when the step found is the scenario's fixed-by=, 1 when it is not (or the ends do not fail and pass), 2 on bad input.")

    @OptionGroup var spec: SpecOptions

    @Argument(help: "The scenario's name.")
    var scenario: String

    @Option(help: "A step where the scenario fails (default: its since=, else the first step of the line).")
    var bad: String?

    @Option(help: "A step where the scenario passes (default: the last step of the line).")
    var good: String?

    func run() throws {
        let project = try reportingBadInput { try spec.project() }
        let line = project.historyLine
        guard !line.isEmpty else { throw badArgument("Patches/ has no 'kind: history' document: there is no line to bisect") }
        guard let declared = HistoryRows.scenarioBlocks(project)[scenario] else { throw badArgument("unknown scenario '\(scenario)'") }
        let low = try index(bad ?? declared.scenario.since ?? line[0], in: line, "--bad")
        let high = try index(good ?? line[line.count - 1], in: line, "--good")
        guard low < high else { throw badArgument("--bad '\(line[low])' must come before --good '\(line[high])' on the line (\(line.joined(separator: " → ")))") }
        let search = BisectSearch(line: line) { step in try Self.fails(scenario, on: step) }
        let result = try search.run(bad: low, good: high)
        for (step, failed) in result.tested { print("\(step): \(failed ? "fails" : "passes")") }
        guard let first = result.firstPassing else {
            print("the ends do not bracket a fix: '\(line[low])' must fail and '\(line[high])' pass")
            throw ExitStatus.checkFailed
        }
        let header = project.review(id: first)?.header
        print("first step where \(scenario) passes: \(first)" + (header.map { " (\($0.commits.isEmpty ? $0.source : $0.commits.joined(separator: ", ")): \($0.title))" } ?? ""))
        let claim = declared.scenario.fixedBy
        print(claim == first ? "as its fixed-by= says" : "its fixed-by= says \(claim ?? "nothing")")
        if claim != first { throw ExitStatus.checkFailed }
    }

    func index(_ step: String, in line: [String], _ option: String) throws -> Int {
        guard let index = line.firstIndex(of: step) else {
            throw badArgument("\(option) '\(step)' is no step of the history line (\(line.joined(separator: " → ")))")
        }
        return index
    }

    /// Whether the scenario fails on `step`, at its declared settings, in a worker process.
    static func fails(_ scenario: String, on step: String) throws -> Bool {
        Progress.line("\(step): \(scenario)")
        let outcomes = try Supervisor.current.scenarios(WorkerRequest(kind: .scenarios, variant: step, only: [scenario]))
        guard let outcome = outcomes.first else { throw badArgument("scenario '\(scenario)' is not compiled into '\(step)'") }
        return outcome.failure != nil || outcome.crash != nil
    }
}

/// The binary search itself, apart from how a step is tested: on `line[bad...good]`, where
/// `line[bad]` fails and `line[good]` passes, the first passing step after the last failing one.
struct BisectSearch {
    var line: [String]
    var fails: (String) throws -> Bool

    struct Result {
        var tested: [(String, Bool)]
        var firstPassing: String?
    }

    func run(bad: Int, good: Int) throws -> Result {
        var tested: [(String, Bool)] = []
        func test(_ index: Int) throws -> Bool {
            let failed = try fails(line[index])
            tested.append((line[index], failed))
            return failed
        }
        guard try test(bad), try !test(good) else { return Result(tested: tested, firstPassing: nil) }
        var (low, high) = (bad, good)
        while high - low > 1 {
            let middle = (low + high) / 2
            if try test(middle) { low = middle } else { high = middle }
        }
        return Result(tested: tested, firstPassing: line[high])
    }
}
