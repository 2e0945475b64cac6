// The tool the Tangle build plugin runs: one invocation writes the Swift of one document (or the
// catalog, or one test file) for one variant. Every invocation loads and checks the whole spec, so
// a broken spec fails the build with `file:line`, and nothing is written.
import Foundation
import Literate

let arguments = Array(CommandLine.arguments.dropFirst())

do {
    let command = try TangleCommand(arguments)
    try command.run()
} catch let error as LiterateError {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("tangle: error: \(error)\n".utf8))
    exit(2)
}
