/// A fence's info string split into its parts: `swift chunk=vma-read-trylock example`.
///
/// Grammar (DESIGN.md section 3): words separated by ASCII spaces and tabs, as cmark-gfm and GitHub
/// split them (U+3000, U+2003 and NBSP belong to the word); the first word is the language; each
/// later word is `key=value`, `key="quoted value"` or a bare flag. A key may appear once.
/// Parsing takes time linear in the length of the text.
public struct InfoString: Equatable, Sendable {
    /// The info string as cmark-gfm gave it (trimmed, escapes and entities resolved).
    public var text: String
    public var language: String
    /// Attributes in the order they were written.
    public var attributes: [(key: String, value: String)]
    public var flags: [String]

    public static func == (a: InfoString, b: InfoString) -> Bool {
        a.language == b.language && a.flags == b.flags
            && a.attributes.map(\.key) == b.attributes.map(\.key)
            && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    public subscript(key: String) -> String? {
        attributes.first { $0.key == key }?.value
    }

    /// Parses `text`; `position` is the fence line, named by any error.
    public init(parsing text: String, at position: SourcePosition) throws {
        self.text = text
        var scanner = InfoScanner(Array(text.unicodeScalars), position: position)
        let words = try scanner.words()
        language = words.first?.bare ?? ""
        attributes = []
        flags = []
        var seenFlags: Set<String> = [], seenKeys: Set<String> = []
        for word in words.dropFirst() {
            if let bare = word.bare {
                guard seenFlags.insert(bare).inserted else { throw LiterateError(position, "flag '\(bare)' given twice") }
                flags.append(bare)
            } else if let (key, value) = word.pair {
                guard seenKeys.insert(key).inserted else { throw LiterateError(position, "attribute '\(key)' given twice") }
                attributes.append((key, value))
            }
        }
        if let first = words.first, let space = first.text.unicodeScalars.first(where: { $0.properties.isWhitespace }) {
            let name = space.properties.name.map { " (\($0))" } ?? ""
            throw LiterateError(position, "the language '\(first.text)' holds U+\(String(space.value, radix: 16, uppercase: true))\(name), which cmark-gfm and GitHub read as part of the word: separate words with ASCII spaces or tabs")
        }
        if words.first?.pair != nil {
            throw LiterateError(position, "the info string must start with a language, not '\(words[0].text)'")
        }
    }
}

private struct InfoWord {
    var text: String
    var bare: String?
    var pair: (String, String)?
}

private struct InfoScanner {
    let scalars: [Unicode.Scalar]
    let position: SourcePosition
    var index = 0

    /// The separators of an info string: ASCII space and tab, nothing else.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }

    init(_ scalars: [Unicode.Scalar], position: SourcePosition) {
        self.scalars = scalars
        self.position = position
    }

    mutating func words() throws -> [InfoWord] {
        var result: [InfoWord] = []
        while true {
            while index < scalars.count, Self.isSeparator(scalars[index]) { index += 1 }
            guard index < scalars.count else { return result }
            result.append(try word())
        }
    }

    private mutating func word() throws -> InfoWord {
        var key = ""
        while index < scalars.count, !Self.isSeparator(scalars[index]), scalars[index] != "=" {
            if scalars[index] == "\"" { throw LiterateError(position, "unexpected quote in '\(key)\"'") }
            key.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.count, scalars[index] == "=" else {
            return InfoWord(text: key, bare: key, pair: nil)
        }
        index += 1
        guard !key.isEmpty else { throw LiterateError(position, "an attribute needs a key before '='") }
        let value = try self.value(for: key)
        return InfoWord(text: "\(key)=\(value)", bare: nil, pair: (key, value))
    }

    private mutating func value(for key: String) throws -> String {
        var value = ""
        guard index < scalars.count, scalars[index] == "\"" else {
            while index < scalars.count, !Self.isSeparator(scalars[index]) {
                if scalars[index] == "\"" { throw LiterateError(position, "unexpected quote in the value of '\(key)'") }
                value.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard !value.isEmpty else { throw LiterateError(position, "attribute '\(key)' has an empty value") }
            return value
        }
        index += 1
        while index < scalars.count, scalars[index] != "\"" {
            value.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.count else { throw LiterateError(position, "unterminated quoted value of '\(key)'") }
        index += 1
        if index < scalars.count, !Self.isSeparator(scalars[index]) {
            throw LiterateError(position, "attribute '\(key)' needs a space after its closing quote")
        }
        return value
    }
}
