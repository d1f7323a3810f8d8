import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GavelCore

/// A small element tree read with Foundation's `XMLParser`, each element with its line.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    let line: Int
    var text = ""
    var children: [XMLElementNode] = []

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }
    func all(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }
    /// The text of a child element, cleaned; nil when absent or blank.
    func value(_ name: String) -> String? { ScheduleText.nonEmpty(child(name)?.text) }

    /// Parses `data`; a syntax error becomes `FILE:LINE: message`.
    static func parse(_ data: Data, file: String) throws(FileError) -> XMLElementNode {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let failure = builder.failure {
            throw FileError(file: file, line: failure.line, "XML syntax: \(failure.message)")
        }
        if !ok || parser.parserError != nil {
            throw FileError(file: file, line: parser.lineNumber, "XML syntax: \(describe(parser.parserError))")
        }
        guard let root = builder.root else { throw FileError(file: file, line: nil, "no XML elements in the file") }
        return root
    }

    static func describe(_ error: Error?) -> String {
        guard let error else { return "the document is not well-formed" }
        let code = (error as NSError).code
        switch XMLParser.ErrorCode(rawValue: code) {
        case .tagNameMismatchError?: return "a closing tag does not match the open element"
        case .prematureDocumentEndError?, .documentStartError?, .emptyDocumentError?:
            return "the document ends before its elements are closed"
        case .entityRefLoopError?, .entityReferenceMissingSemiError?, .undeclaredEntityError?, .entityNotFinishedError?,
             .entityRefAtEOFError?, .entityRefInPrologError?, .entityRefInDTDError?, .entityReferenceWithoutNameError?:
            return "a bad entity reference (write & as &amp;)"
        case .ltRequiredError?, .gtRequiredError?, .lessThanSymbolInAttributeError?:
            return "a stray '<' or a tag that is not closed (write < as &lt;)"
        case .attributeNotStartedError?, .attributeNotFinishedError?,
             .attributeRedefinedError?, .literalNotStartedError?, .literalNotFinishedError?:
            return "a malformed attribute"
        case .invalidCharacterError?, .invalidEncodingError?, .unknownEncodingError?:
            return "the text is not valid UTF-8 or holds a character XML forbids"
        default: return "the document is not well-formed (parser error \(code))"
        }
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLElementNode?
    var stack: [XMLElementNode] = []
    var failure: (line: Int, message: String)?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = XMLElementNode(name: elementName, attributes: attributeDict, line: parser.lineNumber)
        if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if failure == nil { failure = (parser.lineNumber, XMLElementNode.describe(parseError)) }
    }
}
