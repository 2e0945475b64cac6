import ArgumentParser
import Foundation
import Literate

@main
struct VMASpec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmaspec",
        abstract: "The per-VMA locks review companion: tangle, run and check the literate spec of the RFC.",
        subcommands: [Check.self, Blocks.self, Tangle.self, Examples.self, Explore.self, Bisect.self, Mutate.self, ReviewCommand.self, Weave.self,
                      Bench.self, TestReportCommand.self, WorkerCommand.self],
        defaultSubcommand: Check.self
    )

    /// Argument errors are bad input too: exit status 2 (DESIGN.md section 7), not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                // One line, in the shape of every other bad input (`vmaspec help VERB` has the usage).
                FileHandle.standardError.write(Data("\(LiterateErrorBridge.badArgument(message(for: error)))\n".utf8))
                Foundation.exit(ExitStatus.badInput.rawValue)
            }
            if let failure = error as? Supervisor.WorkerFailed {
                FileHandle.standardError.write(Data("vmaspec: error: \(failure)\n".utf8))
                Foundation.exit(ExitStatus.checkFailed.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// Options every verb that reads the spec shares.
struct SpecOptions: ParsableArguments {
    @Option(name: .long, help: "The package root holding Spec/ and Patches/ (default: the current folder).")
    var root: String = FileManager.default.currentDirectoryPath

    var rootURL: URL { URL(fileURLWithPath: root).standardizedFileURL }

    /// The spec under `root`, with the build configurations this binary was built with.
    func project() throws -> Project {
        try ArgumentChecks.packageRoot(rootURL, needsSpec: true)
        return try Project.load(root: rootURL, configurations: VariantEntry.configurations)
    }
}

/// Exit statuses of DESIGN.md section 7: 0 all good, 1 a check failed, 2 bad input.
enum ExitStatus {
    static let checkFailed = ExitCode(1)
    static let badInput = ExitCode(2)
}

/// Runs `body`; bad input is printed as one `file:line: error:` line and exits with status 2.
func reportingBadInput<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LiterateError {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        throw ExitStatus.badInput
    }
}
