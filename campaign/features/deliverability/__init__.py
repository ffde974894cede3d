"""Mail as the receiving world sees it: who sent it (DKIM, the DNS records to publish), where its
bounces return (VERP), and what comes back (bounces, complaints, the suppression list)."""
