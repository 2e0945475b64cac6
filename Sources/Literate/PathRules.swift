/// Paths named inside the spec must stay inside the package: the spec may not read or write elsewhere.
enum PathRules {
    /// Throws unless `path` is relative and never climbs above the package root.
    static func checkInsidePackage(_ path: String, at position: SourcePosition) throws {
        guard !path.hasPrefix("/"), !path.hasPrefix("~") else {
            throw LiterateError(position, "path '\(path)' leaves the package (absolute paths are not allowed)")
        }
        var depth = 0
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": depth -= 1
            default: depth += 1
            }
            guard depth >= 0 else { throw LiterateError(position, "path '\(path)' leaves the package") }
        }
        guard depth > 0 else { throw LiterateError(position, "path '\(path)' names no file") }
    }
}
