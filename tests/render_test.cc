// Output formats: Markdown (with links), HTML, JSON and WET records.
#define BOOST_TEST_MODULE render
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "blocks/blocks.h"
#include "render/wet.h"
#include "support.h"

using namespace pith;
using test::Contains;

namespace {

const char kPage[] =
    "<html lang=fr><head><title>Budget</title><link rel=canonical href='https://ex.org/news/b.html'>"
    "<meta name=author content='Anne Dupré'><meta property='article:published_time' "
    "content='2023-05-12T14:32:00+02:00'></head><body><article><h1>Le budget</h1>"
    "<p>Le conseil a publié son budget lundi, et le <a href='/rapport'>rapport complet</a> "
    "montre un déficit de deux millions d'euros, dit-on « à la mairie ».</p>"
    "<h2>Les chiffres</h2><table><tr><th>Poste<th>Montant<tr><td>Écoles<td>3 M€"
    "<tr><td>Routes<td>2 M€</table><ul><li>un<li>deux</ul><blockquote><p>Une citation "
    "assez longue pour compter comme du texte d'article, avec des virgules.</p></blockquote>"
    "<pre>code  kept\n  as is</pre></article></body></html>";

Document Cleaned(bool links) {
  Options o;
  o.links = links;
  Document doc;
  BOOST_REQUIRE(Clean(kPage, test::Bundled(), o, &doc).ok());
  return doc;
}

}  // namespace

BOOST_AUTO_TEST_CASE(markdown_keeps_structure_and_links) {
  std::string md = RenderMarkdown(Cleaned(true));
  BOOST_TEST(md.rfind("# Le budget\n\n", 0) == 0u);
  BOOST_TEST(Contains(md, "[rapport complet](https://ex.org/rapport)"));
  BOOST_TEST(Contains(md, "\n## Les chiffres\n"));
  BOOST_TEST(Contains(md, "| Poste | Montant |\n| --- | --- |\n| Écoles | 3 M€ |\n| Routes | 2 M€ |\n"));
  BOOST_TEST(Contains(md, "- un\n- deux\n"));
  BOOST_TEST(Contains(md, "> Une citation"));
  BOOST_TEST(Contains(md, "```\ncode  kept\n  as is\n```\n"));
  // Without links the text carries no link syntax.
  BOOST_TEST(!Contains(RenderMarkdown(Cleaned(false)), "](https://"));
  BOOST_TEST(!Contains(RenderText(Cleaned(true)), "](https://"));
}

BOOST_AUTO_TEST_CASE(urls_resolve_against_the_page) {
  std::string base = "https://ex.org/a/b.html?q=1";
  BOOST_TEST(blocks::ResolveUrl(base, "/x") == "https://ex.org/x");
  BOOST_TEST(blocks::ResolveUrl(base, "c.html") == "https://ex.org/a/c.html");
  BOOST_TEST(blocks::ResolveUrl(base, "//cdn.org/z") == "https://cdn.org/z");
  BOOST_TEST(blocks::ResolveUrl(base, " https://o.org/ ") == "https://o.org/");
  BOOST_TEST(blocks::ResolveUrl(base, "#top") == "");
  BOOST_TEST(blocks::ResolveUrl(base, "JavaScript:void(0)") == "");
  BOOST_TEST(blocks::ResolveUrl("", "rel/x") == "rel/x");
}

BOOST_AUTO_TEST_CASE(html_is_minimal_and_escaped) {
  std::string html = RenderHtml(Cleaned(false));
  BOOST_TEST(html.rfind("<!DOCTYPE html>\n<html lang=\"fr\">", 0) == 0u);
  BOOST_TEST(Contains(html, "<meta charset=\"utf-8\">"));
  BOOST_TEST(Contains(html, "<h1>Le budget</h1>"));
  BOOST_TEST(Contains(html, "<h2>Les chiffres</h2>"));
  BOOST_TEST(Contains(html, "<tr><td>Écoles</td><td>3 M€</td></tr>"));
  BOOST_TEST(Contains(html, "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>"));
  BOOST_TEST(Contains(html, "d'euros, dit-on « à la mairie ».</p>"));
  Document evil;
  evil.title = "<script>alert(1)</script>";
  evil.blocks.push_back({Block::Kind::kParagraph, 0, "a < b & \"c\"", ""});
  std::string e = RenderHtml(evil);
  BOOST_TEST(!Contains(e, "<script>"));
  BOOST_TEST(Contains(e, "<p>a &lt; b &amp; &quot;c&quot;</p>"));
}

BOOST_AUTO_TEST_CASE(json_has_the_metadata_and_the_text) {
  JsonExtras extras;
  extras.warc_record_id = "<urn:uuid:x>";
  auto j = nlohmann::json::parse(RenderJson(Cleaned(false), extras));
  BOOST_TEST(j["url"] == "https://ex.org/news/b.html");
  BOOST_TEST(j["title"] == "Le budget");
  BOOST_TEST(j["author"] == "Anne Dupré");
  BOOST_TEST(j["date"] == "2023-05-12T14:32:00+02:00");
  BOOST_TEST(j["lang"] == "fr");
  BOOST_TEST(j["warc_record_id"] == "<urn:uuid:x>");
  BOOST_TEST(j["charset"] == "UTF-8");
  BOOST_TEST(j["text"].get<std::string>().rfind("Le conseil a publié", 0) == 0u);
  JsonExtras failed;
  failed.error = "cannot read";
  auto e = nlohmann::json::parse(RenderJson(Document(), failed));
  BOOST_TEST(e["error"] == "cannot read");
  BOOST_TEST(!e.contains("text"));
}

BOOST_AUTO_TEST_CASE(wet_records_carry_digest_ids_and_language) {
  BOOST_TEST(render::Sha1Base32("") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  std::string id = render::RecordId("seed");
  BOOST_TEST(id.size() == 47u);
  BOOST_TEST(id.substr(0, 10) == "<urn:uuid:");
  BOOST_TEST(id[24] == '5');  // Name-based, version 5.
  BOOST_TEST(render::RecordId("seed") == id);
  BOOST_TEST(render::RecordId("other") != id);
  Document doc = Cleaned(false);
  render::ConversionInfo info{"https://ex.org/news/b.html", "2024-01-02T03:04:05Z",
                              "<urn:uuid:source>", "seed"};
  std::string rec = render::ConversionRecord(doc, info);
  std::string block = RenderText(doc);
  BOOST_TEST(rec.rfind("WARC/1.0\r\nWARC-Type: conversion\r\n", 0) == 0u);
  BOOST_TEST(Contains(rec, "WARC-Refers-To: <urn:uuid:source>\r\n"));
  BOOST_TEST(Contains(rec, "WARC-Block-Digest: " + render::Sha1Base32(block) + "\r\n"));
  BOOST_TEST(Contains(rec, "WARC-Identified-Content-Language: fr\r\n"));
  BOOST_TEST(Contains(rec, "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block +
                               "\r\n\r\n"));
  std::string gz = render::GzipMember(rec);
  BOOST_TEST(gz.size() > 10u);
  BOOST_TEST(static_cast<unsigned char>(gz[0]) == 0x1f);
}
