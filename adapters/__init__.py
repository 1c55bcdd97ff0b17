"""Platform adapters: each turns a platform's payloads into core events and performs core actions."""
