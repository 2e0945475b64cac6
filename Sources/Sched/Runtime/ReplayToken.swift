/// Replay tokens: `<strategy>.<maxSteps>.<choices>`, e.g. `dfs2.10000.a3bab`.
///
/// The choices are the thread picked at each decision that offered more than one thread, as
/// letters (`a` = thread 0 … `z`, then `A`…`Z`), each followed by a repeat count when above one.
enum ReplayToken {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    static func encode(tag: String, maxSteps: Int, choices: [Int]) -> String {
        var text = "\(tag).\(maxSteps)."
        var index = 0
        while index < choices.count {
            var run = 1
            while index + run < choices.count && choices[index + run] == choices[index] { run += 1 }
            let choice = choices[index]
            text += choice < alphabet.count ? String(alphabet[choice]) : "(\(choice))"
            if run > 1 { text += String(run) }
            index += run
        }
        return text
    }

    /// The token's parts, or nil when it is malformed.
    static func decode(_ token: String) -> (tag: String, maxSteps: Int, choices: [Int])? {
        let parts = token.trimmingCharactersInWhitespace().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let maxSteps = Int(parts[1]), maxSteps > 0 else { return nil }
        var choices: [Int] = []
        var characters = parts[2][...]
        while let first = characters.first {
            characters.removeFirst()
            let choice: Int
            if first == "(" {
                guard let close = characters.firstIndex(of: ")"), let value = Int(characters[..<close]) else { return nil }
                choice = value
                characters = characters[characters.index(after: close)...]
            } else {
                guard let value = alphabet.firstIndex(of: first) else { return nil }
                choice = value
            }
            let digits = characters.prefix { $0.isASCII && $0.isNumber }
            characters.removeFirst(digits.count)
            let run = digits.isEmpty ? 1 : Int(digits) ?? 0
            guard run > 0 else { return nil }
            choices += repeatElement(choice, count: run)
        }
        return (String(parts[0]), maxSteps, choices)
    }
}

extension String {
    fileprivate func trimmingCharactersInWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
