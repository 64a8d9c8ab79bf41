"""The live dashboard for team leads and managers: what is happening now and the trends,
each panel aggregated in the database by one fixed query (or a fixed few), whatever the
number of tickets."""
