//! Defaults of every options struct, written by the library into memory
//! this crate sized (one place to change when the header changes).
use nlp_sys as sys;

use crate::error::Result;

pub(crate) fn ner() -> Result<sys::nlp_ner_options> {
    // SAFETY: no arguments; returns a plain struct.
    Ok(unsafe { sys::nlp_ner_options_default() })
}

pub(crate) fn toxic() -> Result<sys::nlp_toxic_options> {
    // SAFETY: as above.
    Ok(unsafe { sys::nlp_toxic_options_default() })
}

pub(crate) fn encode() -> Result<sys::nlp_encode_options> {
    // SAFETY: as above.
    Ok(unsafe { sys::nlp_encode_options_default() })
}

pub(crate) fn train() -> Result<sys::nlp_train_options> {
    // SAFETY: as above.
    Ok(unsafe { sys::nlp_train_options_default() })
}

pub(crate) fn seqeval() -> Result<sys::nlp_seqeval_options> {
    // SAFETY: as above.
    Ok(unsafe { sys::nlp_seqeval_options_default() })
}

pub(crate) fn conll() -> Result<sys::nlp_conll_options> {
    // SAFETY: as above.
    Ok(unsafe { sys::nlp_conll_options_default() })
}
