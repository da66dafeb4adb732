//! What the tests start for themselves: the CLI runner, a tiny HTTP server and
//! stand-ins for the AWS Price List, CloudWatch and AWS's public offer files.

pub mod athena_server;
pub mod bills;
pub mod cloudwatch_server;
pub mod http;
pub mod offer_files;
pub mod price_list_server;
pub mod run;
