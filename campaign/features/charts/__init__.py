"""Pictures for organizers and the public: SVG charts, the US map, share cards."""
