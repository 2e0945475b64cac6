/// Fixed documents for the differential tests: the fenced-code examples of CommonMark 0.30
/// (section 4.5) and the container cases around them, each also with CRLF and lone-CR endings.
enum Corpus {
    static let documents: [String] = [
        "```\n<\n >\n```\n",
        "~~~\n<\n >\n~~~\n",
        "``\nfoo\n``\n",
        "```\naaa\n~~~\n```\n",
        "~~~\naaa\n```\n~~~\n",
        "````\naaa\n```\n``````\n",
        "~~~~\naaa\n~~~\n~~~~\n",
        "```\n",
        "`````\n\n```\naaa\n",
        "> ```\n> aaa\n\nbbb\n",
        "```\n\n  \n```\n",
        "```\n```\n",
        " ```\n aaa\naaa\n```\n",
        "  ```\naaa\n  aaa\naaa\n  ```\n",
        "   ```\n   aaa\n    aaa\n  aaa\n   ```\n",
        "    ```\n    aaa\n    ```\n",
        "```\naaa\n  ```\n",
        "   ```\naaa\n  ```\n",
        "```\naaa\n    ```\n",
        "``` ```\naaa\n",
        "~~~~~~\naaa\n~~~ ~~\n",
        "foo\n```\nbar\n```\nbaz\n",
        "foo\n---\n~~~\nbar\n~~~\n# baz\n",
        "```ruby\ndef foo(x)\n  return 3\nend\n```\n",
        "~~~~    ruby startline=3 $%@#$\ndef foo(x)\n  return 3\nend\n~~~~~~~\n",
        "````;\n````\n",
        "``` aa ```\nfoo\n",
        "~~~ aa ``` ~~~\nfoo\n~~~\n",
        "```\n``` aaa\n```\n",
        // Containers: list items, block quotes, both, and what ends them.
        "- item\n\n  ```swift\n  let a = 1\n```\n\n```swift\nlet b = 2\n```\n",
        "- item\n\n  ```swift\n  let a = 1\n  ```\n",
        "1. ```swift\n   let a = 1\n   ```\n2. next\n",
        "1. ```swift\n   let a = 1\n  ```\n",
        "- ```\n  code\n-\n",
        "- ```\n  code\n\n  more\n  ```\n",
        "- ```\n  code\n\nafter\n",
        "> ```\n> code\n```\n",
        "> ```\n> code\n> ```\n",
        "> - ```swift\n>   let a = 1\n>   ```\n",
        "> - ```swift\n>   let a = 1\n> ```\n",
        "- > ```\n  > code\n  > ```\n",
        "```swift\nlet a = 1\n    ```",
        "```swift\nlet a = 1\n```",
        "```swift\n[a]: /url\n```\n",
        "- ```\n  code\n[a]: /url\n",
        "\t```\n\tcode\n\t```\n",
        "- ```\n\tcode\n  ```\n",
        "| a | b |\n| - | - |\n| ``` | x |\n\n```\ncode\n```\n",
        "# T\r\rProse with a stray\rcarriage return.\r\r```swift\rlet a = 1\r```\r",
        "```swift\u{3000}chunk=a\nlet a = 1\n```\n",
        "```swift ignore name=\u{00A0}x\nlet a = 1\n```\n",
        "```swift\tchunk=a\nlet a = 1\n```\n",
        "```  swift   chunk=a  \nlet a = 1\n```\n",
        "```swift\n漢字 🦀 é\n```\n",
    ]

    /// Every document with `\n`, `\r\n` and lone `\r` line endings.
    static var withEveryLineEnding: [String] {
        documents.flatMap { text in
            [text, text.replacingOccurrences(of: "\n", with: "\r\n"), text.replacingOccurrences(of: "\n", with: "\r")]
        }
    }
}
