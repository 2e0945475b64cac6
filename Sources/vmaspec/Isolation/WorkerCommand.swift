import ArgumentParser
import Foundation

/// `vmaspec worker REQUEST`: the child process the other verbs run examples and scenarios in
/// (Isolation/Supervisor.swift). Not meant to be typed; hidden from help.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run one variant's examples or scenarios for a parent vmaspec.", shouldDisplay: false)

    @Argument(help: "The request, as JSON.")
    var request: String

    func run() throws {
        guard let request = try? JSONDecoder().decode(WorkerRequest.self, from: Data(request.utf8)) else {
            throw badArgument("worker: malformed request")
        }
        let entry = try VariantEntry.named(request.variant)
        WorkerRunner.run(request, catalog: Self.catalog(entry))
    }

    static func catalog(_ entry: VariantEntry) -> WorkerCatalog {
        WorkerCatalog(
            examples: entry.examples.map { example in
                WorkerCatalog.Example(
                    identity: ExampleOutcome(file: example.file, line: example.line, name: example.name, codeHash: example.codeHash,
                                             outputLine: example.outputLine),
                    run: example.run)
            },
            scenarios: entry.scenarios)
    }
}
