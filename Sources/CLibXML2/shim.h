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

#endif
