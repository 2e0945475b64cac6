import CCmarkGFM

/// Renders one document of a variant as HTML: the Markdown through cmark-gfm (safe mode: raw
/// HTML and dangerous links suppressed), with the variant's text in every code block, its renames
/// in inline code, and each replaced chunk shown beside the base text it replaces.
public struct Weaver: Sendable {
    public let variant: Variant

    public init(variant: Variant) {
        self.variant = variant
    }

    /// The HTML body of `document` as this variant reads it.
    public func html(_ document: Document) throws -> String {
        let tree = MarkdownTree(document.text)
        let blocksByLine = Dictionary(document.blocks.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        let renamesFrom = variant.chain.firstIndex { $0.document.path == document.path } ?? 0
        for fence in tree.fences(source: document.text) {
            guard let block = blocksByLine[fence.startLine] else { continue }
            if let chunk = block.chunkName, !document.isReview, let replaced = variant.chunk(chunk), replaced.source.file != block.file {
                annotateReplacement(fence.node, base: block, replacement: replaced)
            } else if block.isCompiled || block.isOutput {
                MarkdownTree.setLiteral(fence.node, variant.renamed(block.code, from: renamesFrom))
            }
        }
        for node in tree.inlineCodeNodes() {
            MarkdownTree.setLiteral(node, variant.renamed(MarkdownTree.literal(of: node), from: renamesFrom))
        }
        return tree.html()
    }

    /// Puts the variant's text in the block and the base text in a second block after it,
    /// each introduced by a line that names its source.
    private func annotateReplacement(_ node: OpaquePointer, base: Block, replacement: Variant.TangledBlock) {
        MarkdownTree.setLiteral(node, replacement.code)
        cmark_node_set_fence_info(node, "swift-replacement")
        let review = variant.chain.first { $0.document.path == replacement.source.file }?.header.id ?? replacement.source.file
        insert(paragraph: "Chunk \(replacement.chunk ?? "") as review \(review) rewrites it (\(replacement.source.position)):", before: node)
        let baseBlock = cmark_node_new(CMARK_NODE_CODE_BLOCK)!
        cmark_node_set_literal(baseBlock, base.code)
        cmark_node_set_fence_info(baseBlock, "swift-base")
        cmark_node_insert_after(node, baseBlock)
        insert(paragraph: "The text it replaces (\(base.position)):", before: baseBlock)
    }

    private func insert(paragraph text: String, before node: OpaquePointer) {
        let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
        let emphasis = cmark_node_new(CMARK_NODE_EMPH)!
        let textNode = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(textNode, text)
        cmark_node_append_child(emphasis, textNode)
        cmark_node_append_child(paragraph, emphasis)
        cmark_node_insert_before(node, paragraph)
    }
}

extension Block {
    var isOutput: Bool {
        if case .output = role { true } else { false }
    }
}
