//! A runaway script stopped by a timeout, and one stopped from another thread.
//! Prints the two errors, then shows the context still works.

use std::time::Duration;

fn main() -> Result<(), jsvm::Error> {
    let rt = jsvm::Runtime::new()?;
    let context = rt.new_empty_context(Default::default())?;
    let forever = rt.compile("while (true) {}", Default::default())?;

    let err = context
        .run::<()>(
            &forever,
            &jsvm::RunOptions {
                timeout_ms: Some(50),
                ..Default::default()
            },
        )
        .unwrap_err();
    println!("{} ({})", err, err.code().unwrap_or(""));

    let token = jsvm::CancelToken::new();
    let canceller = token.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        canceller.cancel();
    });
    let err = context
        .run::<()>(
            &forever,
            &jsvm::RunOptions {
                cancel: Some(token),
                ..Default::default()
            },
        )
        .unwrap_err();
    println!("{} ({})", err, err.code().unwrap_or(""));

    println!("still working: {}", context.eval::<i32>("6 * 7")?);
    Ok(())
}
