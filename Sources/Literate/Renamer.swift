/// Whole-identifier renaming, as a review's `renames` asks: `vma_mark_locked` becomes `vma_write_lock`
/// but `vma_mark_locked_all` and `xvma_mark_locked` are left alone.
public enum Renamer {
    public static func isIdentifierCharacter(_ c: Unicode.Scalar) -> Bool {
        (c.isASCII && c.properties.isAlphabetic) || ("0"..."9").contains(c) || c == "_"
    }

    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy(isIdentifierCharacter)
    }

    /// Every identifier-shaped word of `text`.
    public static func words(in text: String) -> Set<String> {
        var result: Set<String> = []
        var current = ""
        for scalar in text.unicodeScalars {
            if isIdentifierCharacter(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                result.insert(current)
                current = ""
            }
        }
        if !current.isEmpty { result.insert(current) }
        return result
    }

    /// `text` with each whole word that `table` names replaced, in one pass (so `a→b, b→a` swaps).
    public static func apply(_ table: [String: String], to text: String) -> String {
        guard !table.isEmpty else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var current = ""
        func flush() {
            out += table[current] ?? current
            current = ""
        }
        for scalar in text.unicodeScalars {
            if isIdentifierCharacter(scalar) {
                current.unicodeScalars.append(scalar)
            } else {
                if !current.isEmpty { flush() }
                out.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { flush() }
        return out
    }
}
