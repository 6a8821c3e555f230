//! Tokenizers: BERT WordPiece and T5 SentencePiece, with offsets.
use std::path::Path;
use std::ptr;
use std::slice;

use nlp_sys as sys;

use crate::error::{check, Result};
use crate::util::{c_path, c_string, copy_str, ptrs_lens};

/// The tokens of one text. `offsets` are code point spans of the input,
/// `byte_offsets` byte spans; added special tokens have (0, 0) and word id
/// `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Encoding {
    /// Token ids.
    pub ids: Vec<i32>,
    /// Token strings ("##ing", "▁the").
    pub tokens: Vec<String>,
    /// Code point spans.
    pub offsets: Vec<(usize, usize)>,
    /// UTF-8 byte spans.
    pub byte_offsets: Vec<(usize, usize)>,
    /// Word index of each token.
    pub word_ids: Vec<Option<usize>>,
    /// 1 for added special tokens.
    pub special_tokens_mask: Vec<u8>,
    /// Text tokens that max_length cut off.
    pub truncated: usize,
}

/// Options of [`Tokenizer::encode`].
#[derive(Debug, Clone, Copy)]
pub struct EncodeOptions {
    /// [CLS]/[SEP] for BERT, </s> for T5 (default true).
    pub add_special_tokens: bool,
    /// At most this many tokens, specials included; 0: no limit.
    pub max_length: usize,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        EncodeOptions { add_special_tokens: true, max_length: 0 }
    }
}

/// The tokenizer of a checkpoint directory or tokenizer file.
///
/// ```
/// let dir = std::env::var("NLP_SHARED_DIR").unwrap_or_else(|_| "../../../../shared".into());
/// let tok = nlp::Tokenizer::load(format!("{}/fixtures/bert-tiny-ner", dir))?;
/// let enc = tok.encode("Zoë lives in Zürich", &Default::default())?;
/// assert_eq!(enc.tokens.first().map(String::as_str), Some("[CLS]"));
/// assert_eq!(tok.decode(&enc.ids, true)?, "Zoë lives in Zürich");
/// # Ok::<(), nlp::Error>(())
/// ```
pub struct Tokenizer {
    ptr: *mut sys::nlp_tokenizer,
}

// SAFETY: nlp.h: "Immutable once loaded: any number of threads may encode
// and decode with one tokenizer at the same time"; only Drop frees it.
unsafe impl Send for Tokenizer {}
// SAFETY: all methods take &self and call only the thread-safe functions.
unsafe impl Sync for Tokenizer {}

fn encoding(enc: *mut sys::nlp_encoding) -> Encoding {
    // SAFETY: enc is live; each accessor gives count entries (or NULL when
    // count is 0), copied before nlp_encoding_free.
    unsafe {
        let n = sys::nlp_encoding_count(enc);
        let mut e = Encoding { truncated: sys::nlp_encoding_truncated(enc), ..Default::default() };
        if n > 0 {
            let s = |p: *const i64| slice::from_raw_parts(p, n);
            let (cs, ce) = (s(sys::nlp_encoding_char_starts(enc)), s(sys::nlp_encoding_char_ends(enc)));
            let (bs, be) = (s(sys::nlp_encoding_byte_starts(enc)), s(sys::nlp_encoding_byte_ends(enc)));
            let toks = slice::from_raw_parts(sys::nlp_encoding_tokens(enc), n);
            let tlen = slice::from_raw_parts(sys::nlp_encoding_token_lengths(enc), n);
            e.ids = slice::from_raw_parts(sys::nlp_encoding_ids(enc), n).to_vec();
            e.tokens = toks
                .iter()
                .zip(tlen)
                .map(|(&p, &l)| String::from_utf8_lossy(slice::from_raw_parts(p as *const u8, l)).into_owned())
                .collect();
            e.offsets = cs.iter().zip(ce).map(|(&a, &b)| (a as usize, b as usize)).collect();
            e.byte_offsets = bs.iter().zip(be).map(|(&a, &b)| (a as usize, b as usize)).collect();
            e.word_ids = slice::from_raw_parts(sys::nlp_encoding_word_ids(enc), n)
                .iter()
                .map(|&w| if w < 0 { None } else { Some(w as usize) })
                .collect();
            e.special_tokens_mask = slice::from_raw_parts(sys::nlp_encoding_special_mask(enc), n).to_vec();
        }
        sys::nlp_encoding_free(enc);
        e
    }
}

impl Tokenizer {
    /// Load the tokenizer of a checkpoint directory (or one tokenizer file).
    pub fn load<P: AsRef<Path>>(dir: P) -> Result<Tokenizer> {
        let path = c_path(dir.as_ref())?;
        let mut ptr = ptr::null_mut();
        // SAFETY: path outlives the call.
        check(unsafe { sys::nlp_tokenizer_load(path.as_ptr(), &mut ptr) })?;
        Ok(Tokenizer { ptr })
    }

    /// "bert" or "t5".
    pub fn kind(&self) -> &'static str {
        // SAFETY: live tokenizer.
        match unsafe { sys::nlp_tokenizer_algorithm(self.ptr) } {
            sys::NLP_TOKENIZER_BERT => "bert",
            sys::NLP_TOKENIZER_T5 => "t5",
            _ => "unknown",
        }
    }

    /// Largest id + 1, added tokens included.
    pub fn vocab_size(&self) -> usize {
        // SAFETY: live tokenizer.
        unsafe { sys::nlp_tokenizer_vocab_size(self.ptr) }
    }

    fn options(o: &EncodeOptions) -> Result<sys::nlp_encode_options> {
        let mut raw = crate::options::encode()?;
        raw.add_special_tokens = o.add_special_tokens as i32;
        raw.max_length = o.max_length;
        Ok(raw)
    }

    /// Tokenize a text.
    pub fn encode(&self, text: &str, options: &EncodeOptions) -> Result<Encoding> {
        let o = Self::options(options)?;
        let mut enc = ptr::null_mut();
        // SAFETY: text is len bytes; the encoding is ours to free.
        check(unsafe { sys::nlp_tokenizer_encode(self.ptr, text.as_ptr() as *const _, text.len(), &o, &mut enc) })?;
        Ok(encoding(enc))
    }

    /// Tokenize pre-split words: word ids index `words`, offsets are
    /// relative to each word.
    pub fn encode_words<S: AsRef<str>>(&self, words: &[S], options: &EncodeOptions) -> Result<Encoding> {
        let o = Self::options(options)?;
        let (ptrs, lens) = ptrs_lens(words);
        let mut enc = ptr::null_mut();
        // SAFETY: arrays of words.len() entries.
        check(unsafe {
            sys::nlp_tokenizer_encode_words(self.ptr, ptrs.as_ptr(), lens.as_ptr(), words.len(), &o, &mut enc)
        })?;
        Ok(encoding(enc))
    }

    /// Ids back to text, as Hugging Face's decode().
    pub fn decode(&self, ids: &[i32], skip_special_tokens: bool) -> Result<String> {
        let mut text = ptr::null_mut();
        // SAFETY: ids.len() ids; the string is ours to free.
        check(unsafe {
            sys::nlp_tokenizer_decode(self.ptr, ids.as_ptr(), ids.len(), skip_special_tokens as i32, &mut text)
        })?;
        // SAFETY: a NUL-terminated library string, copied then freed.
        unsafe {
            let s = copy_str(text);
            sys::nlp_string_free(text);
            Ok(s)
        }
    }

    /// The id of a token string; `Status::NotFound` when absent.
    pub fn token_to_id(&self, token: &str) -> Result<i32> {
        let t = c_string("token", token)?;
        let mut id = 0;
        // SAFETY: t outlives the call.
        check(unsafe { sys::nlp_tokenizer_token_to_id(self.ptr, t.as_ptr(), &mut id) })?;
        Ok(id)
    }

    /// The token string of an id, `None` outside the vocabulary.
    pub fn id_to_token(&self, id: i32) -> Option<String> {
        // SAFETY: the string is owned by the tokenizer, copied at once.
        let p = unsafe { sys::nlp_tokenizer_id_to_token(self.ptr, id) };
        if p.is_null() {
            None
        } else {
            Some(unsafe { copy_str(p) })
        }
    }
}

impl Drop for Tokenizer {
    fn drop(&mut self) {
        // SAFETY: from nlp_tokenizer_load, freed once.
        unsafe { sys::nlp_tokenizer_free(self.ptr) }
    }
}
