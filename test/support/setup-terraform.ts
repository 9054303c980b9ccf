// Terraform-backed tests (the terraform jest project): a validate + plan of a large stack takes tens of seconds
// on a loaded machine.
jest.setTimeout(600_000);
