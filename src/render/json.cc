// render/json: one JSON object per document (pith/render.h).
#include <nlohmann/json.hpp>

#include "pith/render.h"

namespace pith {

std::string RenderJson(const Document& doc, const JsonExtras& extras) {
  nlohmann::ordered_json j;
  if (!extras.id.empty()) j["id"] = extras.id;
  j["url"] = doc.url;
  if (!extras.warc_record_id.empty()) j["warc_record_id"] = extras.warc_record_id;
  if (!extras.error.empty()) {
    j["error"] = extras.error;
  } else {
    j["title"] = doc.title;
    j["author"] = doc.author;
    j["date"] = doc.date_published.empty() ? doc.date_modified : doc.date_published;
    j["date_modified"] = doc.date_modified;
    j["lang"] = doc.lang;
    j["sitename"] = doc.sitename;
    j["description"] = doc.description;
    j["text"] = RenderText(doc, /*with_title=*/false);
    j["charset"] = doc.charset;
    j["rules"] = doc.site_rules;
  }
  // Invalid UTF-8 cannot reach here (decode repairs it), but never throw.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pith
