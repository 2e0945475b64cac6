import Foundation
@testable import Literate

/// Small specs built in memory, in the shape of Spec/ and Patches/.
enum Fixture {
    static let root = URL(fileURLWithPath: "/fixture")

    static func document(_ path: String, _ text: String) throws -> Document {
        try Document(path: path, text: text)
    }

    /// A project from `path: text` pairs; paths under Patches/ are review documents.
    static func project(_ files: [(String, String)], configurations: [String: String] = [:]) throws -> Project {
        let documents = try files.map { try document($0.0, $0.1) }
        return try Project(root: root, chapters: documents.filter { !$0.isReview },
                           reviews: try documents.filter(\.isReview).map(Review.init(document:)),
                           configurations: configurations)
    }

    /// A review header with the given base and extra YAML lines.
    static func review(id: String, base: String = "rfc", extra: String = "", body: String = "") -> String {
        """
        ```review
        id: \(id)
        title: A review point
        reviewer: Kent Overstreet
        date: 2022-09-01
        source: <20220901205819.emxnnschszqv4ahy@moria.home.lan>
        base: \(base)
        status: answered
        upstream: renamed in v2
        \(extra)
        ```

        \(body)
        """
    }

    static let chapter = """
    # A chapter

    ```swift chunk=lock
    func vma_mark_locked() -> Int { 1 }
    ```

    Prose that names `vma_mark_locked` inline.

    ```swift
    func caller() -> Int { vma_mark_locked() + 1 }
    ```
    """

    /// `Result` of `body` as the message of the error it throws, for `#expect` on bad input.
    static func error(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as LiterateError { return error.description } catch { return "\(error)" }
        return nil
    }
}
