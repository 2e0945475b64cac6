/// A place in a Markdown source: the file's path relative to the package root, and a 1-based line.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.file, a.line) < (b.file, b.line)
    }
}

/// Bad input: a broken spec, review document or argument. Always names the `file:line` at fault.
public struct LiterateError: Error, Equatable, Sendable, CustomStringConvertible {
    public var position: SourcePosition
    public var message: String

    public init(_ position: SourcePosition, _ message: String) {
        self.position = position
        self.message = message
    }

    public init(file: String, line: Int, _ message: String) {
        self.init(SourcePosition(file: file, line: line), message)
    }

    /// `Spec/x.md:12: error: message`, the shape compilers use, so editors can jump to it.
    public var description: String { "\(position): error: \(message)" }
}
