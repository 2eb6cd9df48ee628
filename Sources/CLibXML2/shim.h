#ifndef XCA_CLIBXML2_SHIM_H
#define XCA_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its encoding.h then includes <unicode/ucnv.h>, whose UErrorCode clashes
   with Foundation's own ICU copy ("'UErrorCode' has different definitions in different modules").
   We never touch xmlCharEncodingHandler's ICU fields, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>
#include <libxml/xmlmemory.h>
#include <libxml/tree.h>

/* xmlFree is a global function-pointer variable, which Swift 6 rejects as not concurrency-safe. */
static inline void xca_xml_free(void *pointer) { xmlFree(pointer); }

/* A structured error handler that drops libxml2's messages (we read xmlGetLastError / the reader's error
   callback instead), so nothing reaches stderr. */
static void xca_xml_silent_structured_error(void *context, xmlErrorPtr error) { (void)context; (void)error; }
static void xca_xml_silent_generic_error(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void xca_xml_silence_global_errors(void) {
    xmlSetStructuredErrorFunc(NULL, xca_xml_silent_structured_error);
    xmlSetGenericErrorFunc(NULL, xca_xml_silent_generic_error);
}

/* Walks the attributes of the reader's current element once: returns the number of attributes, -1 when there
   are more than max_count, -2 when one value is longer than max_length bytes. Cheaper than moving the reader
   through every attribute. */
static inline int xca_xml_check_attributes(xmlNodePtr node, int max_count, int max_length) {
    int count = 0;
    if (node == NULL || node->type != XML_ELEMENT_NODE) return 0;
    for (xmlAttrPtr attribute = node->properties; attribute != NULL; attribute = attribute->next) {
        if (++count > max_count) return -1;
        int length = 0;
        for (xmlNodePtr child = attribute->children; child != NULL; child = child->next) {
            if (child->content != NULL) length += xmlStrlen(child->content);
            if (length > max_length) return -2;
        }
    }
    return count;
}

/* The limits one reader enforces, checked in C so that a node costs one call. */
typedef struct {
    int max_depth;
    int max_attributes;
    int max_attribute_length;
    int max_text_length;
    int max_name_length;
    int check_text; /* 0 when libxml2 enforces the text limit itself (its 10,000,000-byte ceiling) */
} xca_xml_limits;

enum {
    XCA_XML_END = 0,
    XCA_XML_START = 1,
    XCA_XML_TEXT = 3,
    XCA_XML_END_ELEMENT = 15,
    XCA_XML_ERR_PARSE = -100,
    XCA_XML_ERR_DEPTH = -1,
    XCA_XML_ERR_NAME = -2,
    XCA_XML_ERR_ATTRIBUTE_COUNT = -3,
    XCA_XML_ERR_ATTRIBUTE_LENGTH = -4,
    XCA_XML_ERR_TEXT = -5,
    XCA_XML_ERR_DOCTYPE = -6,
    XCA_XML_ERR_ENTITY = -7,
};

/* Advances to the next start element, end element or text node, skipping whitespace, comments and processing
   instructions, and checks the limits on the way. Returns one of the XCA_XML_* codes; *empty is set for a start
   element written as <a/>. */
static inline int xca_xml_read_next(xmlTextReaderPtr reader, const xca_xml_limits *limits, int *empty) {
    for (;;) {
        int status = xmlTextReaderRead(reader);
        if (status == 0) return XCA_XML_END;
        if (status < 0) return XCA_XML_ERR_PARSE;
        switch (xmlTextReaderNodeType(reader)) {
        case 1: {
            if (xmlTextReaderDepth(reader) + 1 > limits->max_depth) return XCA_XML_ERR_DEPTH;
            xmlNodePtr node = xmlTextReaderCurrentNode(reader);
            if (node != NULL) {
                if (node->name != NULL && xmlStrlen(node->name) > limits->max_name_length) return XCA_XML_ERR_NAME;
                if (node->properties != NULL) {
                    int result = xca_xml_check_attributes(node, limits->max_attributes, limits->max_attribute_length);
                    if (result == -1) return XCA_XML_ERR_ATTRIBUTE_COUNT;
                    if (result == -2) return XCA_XML_ERR_ATTRIBUTE_LENGTH;
                }
            }
            *empty = xmlTextReaderIsEmptyElement(reader) == 1;
            return XCA_XML_START;
        }
        case 15:
            return XCA_XML_END_ELEMENT;
        case 3: case 4: case 14:
            if (limits->check_text) {
                const xmlChar *value = xmlTextReaderConstValue(reader);
                if (value != NULL && xmlStrlen(value) > limits->max_text_length) return XCA_XML_ERR_TEXT;
            }
            return XCA_XML_TEXT;
        case 10:
            return XCA_XML_ERR_DOCTYPE;
        case 5: case 6:
            return XCA_XML_ERR_ENTITY;
        default:
            continue;
        }
    }
}

static inline long xca_xml_node_line(xmlNodePtr node) { return node == NULL ? 0 : xmlGetLineNo(node); }

#endif
