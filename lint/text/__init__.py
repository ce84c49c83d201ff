"""Text helpers shared by the citation parser and the knowledge base: Chinese numerals, quote reduction and
document-number parsing. Neither `lint.citations` nor `lint.kb` is imported here, so both can use them."""
