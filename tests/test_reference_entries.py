"""An API manual's reference entries become concepts (reference_entries, reference_concepts)."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.concepts.reference_concepts import entry_concepts, said_of, with_entries
from tutor.engine.offline.concepts.reference_entries import (
    ReferenceEntry,
    describing_sentence,
    find_entries,
)
from tutor.engine.port import ConceptDraft


def _pages(*pages: tuple[str, str]) -> list[Chunk]:
    """One passage per page of ``api.pdf``: (heading, text)."""
    return manual_pages(*pages, source="api.pdf")


TYPESET = _pages(
    ("2.2 Core Functions", "2.2 Core Functions\nWhen you have UTF-8 data, these are the core "
     "interfaces."),
    ("foo to ascii", "int foo_to_ascii (const char * input, char ** output, int [Function]\n"
     "flags) input: zero terminated input string. output: pointer to the output string. "
     "flags: optional flags. Convert a domain name to an ASCII string using the new rules. "
     "The output buffer must be freed by the caller. Since: 2.0.0"),
    ("foo free", "void foo_free (void * ptr) [Function]\nptr: pointer to deallocate Call "
     "free(3) on the given pointer."),
    ("2.6 Return Codes", "2.6 Return Codes\nfoo_rc FOO_OK [Return code]\nSuccessful return.\n"
     "foo_rc FOO_MALLOC [Return code]\nMemory allocation error.\nfoo_rc FOO_TOO_BIG "
     "[Return code]\nDomain name longer than 255 characters."),
)


def test_a_typeset_entry_is_a_concept_said_of_its_name_with_its_signature():
    drafts = {d.name: d for d in entry_concepts(find_entries(TYPESET), TYPESET)}
    ascii_ = drafts["foo_to_ascii"]
    assert ascii_.definition == ("The foo_to_ascii function converts a domain name to an ASCII "
                                 "string using the new rules.")
    assert ascii_.key_points[1] == ("foo_to_ascii: int foo_to_ascii (const char * input, "
                                    "char ** output, int flags)")
    assert ascii_.citations[0].page == 2
    assert ascii_.section == "2.2 Core Functions"  # not its own outline heading
    assert drafts["foo_free"].definition == "The foo_free function calls free(3) on the given pointer."


def test_constants_of_one_type_are_one_concept_listing_them():
    drafts = {d.name: d for d in entry_concepts(find_entries(TYPESET), TYPESET)}
    codes = drafts["foo_rc"]
    assert codes.definition.startswith(
        "foo_rc is the type of the return codes: FOO_OK (successful return), FOO_MALLOC "
        "(memory allocation error)")
    assert {"FOO_OK", "FOO_MALLOC", "FOO_TOO_BIG"} <= set(codes.aliases)
    assert not {"FOO_OK", "FOO_MALLOC"} & set(drafts)


def test_a_lone_constant_is_no_concept():
    chunks = _pages(("7 Hashes", "SHA_BLOCK_SIZE [Constant]\nThe internal block size of SHA.\n"
                     "void sha_init (struct sha ctx *ctx) [Function]\nInitialize the SHA state.\n"
                     "void sha_update (struct sha ctx *ctx, size t length) [Function]\n"
                     "Hash some more data."))
    names = {d.name for d in entry_concepts(find_entries(chunks), chunks)}
    assert names == {"sha_init", "sha_update"}


def test_a_family_of_near_identical_entries_collapses_into_one_concept():
    chunks = _pages(*[(f"7.1.{n} {alg.upper()}", (
        f"void {alg}_init (struct {alg} ctx *ctx) [Function]\nInitialize the {alg.upper()} "
        f"state.\nvoid {alg}_update (struct {alg} ctx *ctx, size t length, const [Function] "
        f"uint8 t *data) Hash some more data.\nvoid {alg}_digest (struct {alg} ctx *ctx) "
        f"[Function]\nPerforms final processing and extracts the {alg.upper()} digest."))
        for n, alg in enumerate(["sha256", "sha512", "md5", "md4"], start=1)])
    drafts = {d.name: d for d in entry_concepts(find_entries(chunks), chunks)}
    assert set(drafts) == {"sha256_init", "sha256_update", "sha256_digest"}
    assert set(drafts["sha256_update"].aliases) == {"sha512_update", "md5_update", "md4_update"}
    assert drafts["sha256_update"].definition == "The sha256_update function hashes some more data."


def test_entries_documenting_several_names_at_once_share_one_concept():
    chunks = _pages(("7.2 AES", "void aes128_encrypt (struct aes128 ctx *ctx, size t length, "
                     "uint8 t [Function] *dst) void aes256_encrypt (struct aes256 ctx *ctx, size "
                     "t length, uint8 t [Function] *dst) Encryption function. length must be a "
                     "multiple of the block size.\nvoid aes_invert (struct aes ctx *dst) "
                     "[Function]\nInverts the key.\nvoid aes_set (struct aes ctx *dst) "
                     "[Function]\nSets the key."))
    drafts = {d.name: d for d in entry_concepts(find_entries(chunks), chunks)}
    assert drafts["aes128_encrypt"].definition == (
        "The aes128_encrypt function is an encryption function.")
    assert drafts["aes128_encrypt"].aliases == ["aes256_encrypt"]


def test_plain_text_man_page_and_prototype_entries():
    chunks = _pages(
        ("Functions", "Function: int bar_open (bar_t *handle, const char *path)\nOpens the file "
         "at path for reading.\n-- Macro: BAR_MAX_LEN (x)\nThe longest name the library takes."),
        ("bar_close(3)", "NAME\nbar_close - close a handle and free its memory\nSYNOPSIS\n"
         "int bar_close (bar_t *handle);"),
        ("Reading", "int bar_read (bar_t *handle, char *buffer);\nReads the next record "
         "into buffer."),
    )
    drafts = {d.name: d.definition for d in entry_concepts(find_entries(chunks), chunks)}
    assert drafts["bar_open"] == "The bar_open function opens the file at path for reading."
    assert drafts["BAR_MAX_LEN"] == "The BAR_MAX_LEN macro is the longest name the library takes."
    assert drafts["bar_close"] == "The bar_close command closes a handle and free its memory."
    assert drafts["bar_read"] == "The bar_read function reads the next record into buffer."


def test_a_describing_sentence_skips_parameters_asides_and_leaning_sentences():
    entry = ReferenceEntry(
        name="baz_sign", kind="function", signature="int baz_sign (key *pub, size t length)",
        body="pub: the public key. length must be positive. This function is fast. Signs a "
             "message using the provided key pair. Since: 1.0", chunk=0)
    assert describing_sentence(entry) == "Signs a message using the provided key pair."
    assert said_of(entry, "Signs a message.") == "The baz_sign function signs a message."


def test_a_book_that_only_mentions_code_has_no_reference_entries():
    chunks = _pages(("3 Functions", "A function is a named sequence of statements. The "
                     "function print_twice (bruce) prints its argument twice:\n"
                     "def print_twice(bruce):\n    print(bruce)\n"
                     "Function: a named sequence of statements that performs an operation."),
                    ("4 Lists", "x = foo_bar(3)\nreturn len(t) [Note]\nA list is a sequence."))
    assert find_entries(chunks) == []


def test_the_concept_map_takes_reference_entries_and_drops_their_pieces():
    concepts = {d.name: d for d in extract_concepts(TYPESET)}
    assert concepts["foo_to_ascii"].definition.startswith("The foo_to_ascii function converts")
    assert "foo_rc" in concepts
    assert "input" not in concepts  # a parameter, defined only by the entry's parameter line


def test_an_entry_saying_only_its_kind_or_leaning_on_another_is_no_concept():
    chunks = _pages(("7.2 Ciphers", "struct twofish_ctx [Context struct]\nContext structs.\n"
                     "void twofish_decrypt (struct twofish ctx *ctx) [Function]\nAnalogous to "
                     "twofish_encrypt.\nvoid twofish_encrypt (struct twofish ctx *ctx) "
                     "[Function]\nEncryption function.\nstruct yarrow_ctx [Context struct]\n"
                     "struct yarrow_source [Context struct]\nInformation about a single source."))
    drafts = {d.name: d.definition for d in entry_concepts(find_entries(chunks), chunks)}
    assert drafts == {"twofish_encrypt": "The twofish_encrypt function is an encryption function.",
                      "yarrow_source": "yarrow_source: Information about a single source."}


def test_details_of_an_entry_give_way_but_an_acronym_it_defines_stays():
    chunks = _pages(("7.6 HKDF", "void hkdf_extract (void *ctx, size t size) [Function]\n"
                     "Extract a key from a secret. Inputs are the secret of length size. UKM is a "
                     "shared key material, usually sent in cleartext.\nvoid hkdf_expand (void "
                     "*ctx) [Function]\nExpand a key.\nvoid hkdf_mix (void *ctx) [Function]\n"
                     "Mix two keys."))
    found = [ConceptDraft(name="input", definition="Inputs are the secret of length size.",
                          evidence=["definition"]),
             ConceptDraft(name="UKM", definition="UKM is a shared key material, usually sent in "
                          "cleartext.", evidence=["definition"]),
             ConceptDraft(name="secret", definition="A secret is what two parties share.",
                          evidence=["definition"])]
    names = [d.name for d in with_entries(found, chunks)]
    assert "input" not in names
    assert {"UKM", "secret", "hkdf_extract"} <= set(names)
    assert with_entries(found, _pages(("Intro", "A secret is what two parties share."))) is found


def test_a_build_reads_the_reference_entries_once(monkeypatch):
    from tutor.engine.offline.concepts import extract, reference_concepts, reference_entries

    calls: list[int] = []

    def counted(chunks, skip=frozenset()):
        calls.append(len(chunks))
        return reference_entries.find_entries(chunks, skip)

    monkeypatch.setattr(extract, "find_entries", counted)
    monkeypatch.setattr(reference_concepts, "find_entries", counted)
    names = {d.name for d in extract_concepts(TYPESET)}
    assert "foo_to_ascii" in names  # the entries still become concepts
    assert calls == [len(TYPESET)]  # with_entries and without_arguments share one reading


def test_entries_the_caller_read_are_the_ones_used():
    assert with_entries([], TYPESET, found=[]) == []  # none given: none read again
    assert "foo_free" in {d.name for d in with_entries([], TYPESET, found=find_entries(TYPESET))}
