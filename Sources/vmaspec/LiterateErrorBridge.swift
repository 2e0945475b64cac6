import Foundation
import Literate

/// Bad command-line arguments, reported like spec errors (`<command line>:1: error: …`).
enum LiterateErrorBridge {
    static func badArgument(_ message: String) -> LiterateError {
        LiterateError(file: "<command line>", line: 1, message)
    }

    /// The one wording of an unknown variant, whichever verb meets it: `known` is what the verb
    /// can work with (the variants built into this binary, or the ones the spec defines).
    static func unknownVariant(_ name: String, known: [String] = variantRegistry.map(\.name)) -> LiterateError {
        badArgument("unknown variant '\(name)' (known: \(known.sorted().joined(separator: ", ")))")
    }
}

/// Prints a bad argument and returns the exit status that ends the command.
func badArgument(_ message: String) -> Error {
    FileHandle.standardError.write(Data("\(LiterateErrorBridge.badArgument(message))\n".utf8))
    return ExitStatus.badInput
}
