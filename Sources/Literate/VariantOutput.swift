/// Everything one variant target compiles, as file name → Swift text.
extension Tangler {
    /// Model, examples and catalog of the variant, for `vmaspec tangle` and the tests.
    public func allFiles() -> [(path: String, contents: String)] {
        let documents = variant.project.chapters + variant.project.reviews.map(\.document)
        var files: [(String, String)] = []
        for document in documents {
            files.append((Self.modelFileName(document), modelSource(document)))
            files.append((Self.examplesFileName(document), examplesSource(document)))
        }
        files.append((Self.catalogFileName, catalogSource(documents: documents.map(\.path))))
        return files
    }
}
