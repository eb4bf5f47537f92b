/**
 * Product claims: whether a sentence that uses a product category ("DRC conflict free", "not found to be DRC
 * conflict free", "DRC conflict undeterminable") asserts it of the filer's products — "the Company has
 * determined that its products are DRC conflict free" — or only names it: a definition ("'DRC conflict free'
 * means…"), the Rule or a court quoted ("is not required to describe any of its products as…", "to determine
 * whether…"), a goal or a hope ("we aim to…", "to support the development of a 'DRC conflict free' trade"), a
 * negation ("none of our products is…"). Decided on the sentence's words before the term; the term's own "not
 * found to be" is the category, not a negation.
 */

/** The filer or its products as the subject: "we", "our products", "the Company's products", "Acme's components". */
const SUBJECT =
  /\b(?:[Ww]e|[Oo]ur|[Ii]ts|[Tt]he\s+(?:Company|Registrant|Issuer)|(?:[Tt]he\s+)?(?:Company|Registrant)['’]s|[A-Z][\w&.-]*['’]s|[A-Z][\w&.-]*\s+(?:Inc|Corp|Corporation|Company|Ltd|LLC|plc)\b\.?)/;
/** What a claim is about. */
const PRODUCTS = /\b(?:products?|components?|goods|devices|merchandise|parts|items|product\s+lines?)\b/i;
/** Verbs of an assertion: the products are, were found, have been determined, certified, labelled. */
const ASSERTS =
  /\b(?:are|is|were|was|been|be|ha(?:ve|s|d)|remains?|determined|concluded|found|certif(?:y|ies|ied)|label(?:l?ed|s)?|consider(?:s|ed)?|designat(?:es?|ed)|describ(?:es?|ed)|believes?|represents?)\b/i;

/** A definition of the term, a quotation of the Rule or a court, a question of whether: naming, not claiming. */
const NAMING =
  /\b(?:means?|meaning|defin(?:es?|ed|ition)|the\s+terms?|so[- ]called|referred\s+to\s+as|whether|requir(?:es?|ed|ement)|obligat\w*|permit(?:s|ted)?|allow(?:s|ed)?|court|categor(?:y|ies)|as\s+used\s+in)\b/i;
/** A goal, a hope, a plan, a possibility: not an assertion about the products as they are. */
const ASPIRES =
  /\b(?:aims?|aspir\w*|goal|objective|target|strives?|striving|hopes?|seeks?|seeking|intends?|plans?|expects?|endeavou?rs?|wish(?:es)?|desires?|commit(?:s|ted|ment)?\s+to|work(?:s|ing)?\s+(?:to|toward)|efforts?\s+to|support(?:s|ing)?|promot\w*|encourag\w*|develop\w*|ensure|would|could|may|might|can|should|will|until|if|unless|in\s+order\s+to)\b/i;
/** A negation: "none of our products", "we do not", "cannot", "unable". */
const NEGATES = /\b(?:not|no|none|never|neither|nor|cannot|unable|without)\b|n['’]t\b/i;

/**
 * Whether the sentence asserts the term of the filer's products. `before` is the sentence's text before the
 * term, `after` its text after the term (a claim may name the products after: "DRC conflict free are all of…").
 */
export function isProductClaim(before: string, after: string): boolean {
  // quotation marks out ("“DRC conflict free”"), apostrophes kept ("Company’s")
  const lead = before.replace(/[“”"]|(?<![\p{L}\p{N}])['‘’]|['‘’](?![\p{L}\p{N}])/gu, ' ');
  const sentence = `${lead} ${after}`;
  if (NAMING.test(sentence) || ASPIRES.test(lead) || NEGATES.test(lead)) return false;
  return SUBJECT.test(lead) && PRODUCTS.test(sentence) && ASSERTS.test(lead);
}
