import Literate

/// Bad CLI arguments, reported like spec errors (`file:line: error:`) with the argument's place.
enum LiterateErrorBridge {
    static func unknownVariant(_ name: String) -> LiterateError {
        let known = variantRegistry.map(\.name).joined(separator: ", ")
        return LiterateError(file: "<command line>", line: 1, "unknown variant '\(name)' (known: \(known))")
    }
}
