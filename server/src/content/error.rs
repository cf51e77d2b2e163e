//! Problems found in a content tree, with the position editors need to fix them.

use std::fmt;
use std::path::PathBuf;

/// One problem in one file: where it is, what is wrong, how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ContentError {
    /// The file, relative to the content root where possible.
    pub path: PathBuf,
    /// 1-based line in the file (not in the front-matter block); 0 when not known.
    pub line: usize,
    /// 1-based column; 0 when not known.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl ContentError {
    pub fn new(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentError {}
