/// Everything one variant target compiles, as file name → Swift text.
extension Tangler {
    /// Model, examples and catalog of the variant, for `vmaspec tangle` and the tests; `rewrite`
    /// as in `modelSource`.
    public func allFiles(rewrite: (Variant.TangledBlock) -> String = \.code) -> [(path: String, contents: String)] {
        let documents = variant.project.chapters + variant.project.reviews.map(\.document)
        var files: [(String, String)] = []
        for document in documents {
            files.append((Self.modelFileName(document), modelSource(document, rewrite: rewrite)))
            files.append((Self.examplesFileName(document), examplesSource(document)))
        }
        files.append((Self.catalogFileName, catalogSource(documents: documents.map(\.path))))
        return files
    }
}
