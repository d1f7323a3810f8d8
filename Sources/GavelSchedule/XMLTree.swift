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
        if let bad = unsupportedMarkup(Array(data)) { throw FileError(file: file, line: bad.line, bad.message) }
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
        if let open = builder.stack.last {
            throw FileError(file: file, line: open.line, "XML syntax: <\(open.name)> is never closed")
        }
        return root
    }

    /// Markup Foundation's XMLParser on Linux crashes on (it reads a missing value as a C string:
    /// `<?pi?>` without data, unparsed entities, notations without a system id, `#IMPLIED`
    /// attributes), found by fuzzing. A schedule needs none of it, so it is refused before parsing.
    static func unsupportedMarkup(_ bytes: [UInt8]) -> (line: Int, message: String)? {
        var line = 1
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A { line += 1 }
            if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "!") {
                for keyword in ["ENTITY", "ATTLIST", "NOTATION", "ELEMENT"] where bytes[(i + 2)...].starts(with: keyword.utf8) {
                    return (line, "<!\(keyword) declarations are not supported in a schedule; remove the DOCTYPE's [...] part")
                }
            } else if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "?") {
                var j = i + 2
                while j < bytes.count, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "?")].contains(bytes[j]) { j += 1 }
                if j + 1 < bytes.count, bytes[j] == UInt8(ascii: "?"), bytes[j + 1] == UInt8(ascii: ">") {
                    return (line, "a processing instruction <?...?> without content is not supported in a schedule; remove it")
                }
            }
            i += 1
        }
        return nil
    }

    /// A message for libxml2's error numbers (which Foundation's XMLParser reports on Linux).
    static func describe(_ error: Error?) -> String {
        guard let error else { return "the document is not well-formed" }
        let code = (error as NSError).code
        switch code {
        case 76: return "a closing tag does not match the element it closes"
        case 73, 77: return "a tag is not finished (a '>' is missing)"
        case 68: return "'&' without an entity name; write & as &amp;"
        case 23: return "an entity reference lacks its ';'"
        case 26, 27: return "an unknown entity; only &amp; &lt; &gt; &quot; &apos; and &#NNN; are defined"
        case 9: return "a character XML does not allow, such as a control character"
        case 4: return "the document is empty"
        case 5: return "the document ends early, or has more after its root element"
        case 39, 40, 41: return "a malformed attribute (attribute values need quotes)"
        case 42: return "an attribute given twice"
        default: return "the document is not well-formed (libxml2 error \(code))"
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
