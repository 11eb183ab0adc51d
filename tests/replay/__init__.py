"""Local replay servers for EWS and Microsoft Graph: recorded exchanges over a stateful mailbox."""
