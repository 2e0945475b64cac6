/// A fence's info string split into its parts: `swift chunk=vma-read-trylock example`.
///
/// Grammar (DESIGN.md section 3): words separated by spaces; the first word is the language;
/// each later word is `key=value`, `key="quoted value"` or a bare flag. A key may appear once.
public struct InfoString: Equatable, Sendable {
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
        var scanner = InfoScanner(Array(text.unicodeScalars), position: position)
        let words = try scanner.words()
        language = words.first?.bare ?? ""
        attributes = []
        flags = []
        for word in words.dropFirst() {
            if let bare = word.bare {
                guard !flags.contains(bare) else { throw LiterateError(position, "flag '\(bare)' given twice") }
                flags.append(bare)
            } else if let (key, value) = word.pair {
                guard self[key] == nil else { throw LiterateError(position, "attribute '\(key)' given twice") }
                attributes.append((key, value))
            }
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

    init(_ scalars: [Unicode.Scalar], position: SourcePosition) {
        self.scalars = scalars
        self.position = position
    }

    mutating func words() throws -> [InfoWord] {
        var result: [InfoWord] = []
        while true {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            guard index < scalars.count else { return result }
            result.append(try word())
        }
    }

    private mutating func word() throws -> InfoWord {
        var key = ""
        while index < scalars.count, !scalars[index].properties.isWhitespace, scalars[index] != "=" {
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
            while index < scalars.count, !scalars[index].properties.isWhitespace {
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
        if index < scalars.count, !scalars[index].properties.isWhitespace {
            throw LiterateError(position, "attribute '\(key)' needs a space after its closing quote")
        }
        return value
    }
}
