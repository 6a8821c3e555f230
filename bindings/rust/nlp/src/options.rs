//! Defaults of every options struct: `nlp_<x>_options_init` writes them
//! into memory this crate sized (`size_of`), as nlp.h asks of bindings.
use std::mem::{size_of, MaybeUninit};

use nlp_sys as sys;

use crate::error::{check, Result};

macro_rules! init {
    ($name:ident, $ty:ty, $init:path) => {
        pub(crate) fn $name() -> Result<$ty> {
            let mut o = MaybeUninit::<$ty>::zeroed();
            // SAFETY: the library writes exactly size_of::<$ty>() bytes of
            // defaults into o, which is that large; all-zero bytes are a
            // valid value of every field (NULL pointers, None callbacks).
            unsafe {
                check($init(o.as_mut_ptr(), size_of::<$ty>()))?;
                Ok(o.assume_init())
            }
        }
    };
}

init!(ner, sys::nlp_ner_options, sys::nlp_ner_options_init);
init!(toxic, sys::nlp_toxic_options, sys::nlp_toxic_options_init);
init!(encode, sys::nlp_encode_options, sys::nlp_encode_options_init);
init!(train, sys::nlp_train_options, sys::nlp_train_options_init);
init!(seqeval, sys::nlp_seqeval_options, sys::nlp_seqeval_options_init);
init!(conll, sys::nlp_conll_options, sys::nlp_conll_options_init);
init!(eval, sys::nlp_eval_options, sys::nlp_eval_options_init);
