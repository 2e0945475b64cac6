import ArgumentParser
import Foundation
import Literate

/// `vmaspec check`: the main job. Checks the spec, then runs every variant's examples.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the spec and run every variant's examples (the main job).")

    @OptionGroup var spec: SpecOptions

    func run() throws {
        let project = try reportingBadInput { try spec.project() }
        let blocks = project.chapters.flatMap(\.blocks)
        print("spec: \(project.chapters.count) chapters, \(blocks.filter(\.isModelCode).count) model blocks, \(project.chunkDefinitions.count) chunks, \(project.reviews.count) review documents")
        var failures = 0
        print("variant          PER_VMA_LOCK  examples")
        for entry in variantRegistry {
            let results = try reportingBadInput { try ExampleRun.run([entry], project: project) }
            let failed = results.filter { !$0.passed }
            failures += failed.count
            print(entry.name.padding(toLength: 17, withPad: " ", startingAt: 0)
                  + (entry.perVMALock ? "y" : "n").padding(toLength: 14, withPad: " ", startingAt: 0)
                  + "\(results.count - failed.count)/\(results.count)")
            for result in failed { print(result.report) }
        }
        if failures > 0 { throw ExitStatus.checkFailed }
    }
}
