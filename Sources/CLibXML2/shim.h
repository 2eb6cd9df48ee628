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

static inline long xca_xml_node_line(xmlNodePtr node) { return node == NULL ? 0 : xmlGetLineNo(node); }

#endif
